package dev.apikey.provider.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code list --remote} streams: the packaged apikey, given a 16 MB heap, lists 100,000 remote keys (1,000 pages
 * of 100) — far more than that heap could hold at once.
 */
class RemoteListingMemoryIT {
    private static final int KEYS = 100_000;

    @TempDir
    Path dir;

    @Test
    void listsOneHundredThousandKeysInASixteenMegabyteHeap() throws Exception {
        // The JDK's server with TCP_NODELAY: with Nagle's algorithm each page's body waits for a delayed ACK
        // (about 40 ms), and 1,000 pages would take most of a minute.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger requests = new AtomicInteger();
        server.createContext("/v1/organization/admin_api_keys", exchange -> {
            requests.incrementAndGet();
            byte[] body = page(exchange.getRequestURI().getRawQuery()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        try {
            String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
            Map<String, String> env = Map.of("APIKEY_CONFIG_DIR", dir.resolve("config").toString(),
                    "APIKEY_ADMIN_BIG", "sk-admin-credential", "APIKEY_BACKEND", "env");
            assertThat(run(env, dir.resolve("add.out"), "provider", "add", "big", "--type", "openai",
                    "--base-url", baseUrl)).isZero();
            Path out = dir.resolve("list.json");
            int exit = run(env, out, "list", "big", "--remote", "--json");
            assertThat(exit).as(Files.readString(dir.resolve("list.json.err"))).isZero();
            long untracked = 0;
            try (BufferedReader r = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
                char[] buf = new char[1 << 16];
                String carry = "";
                int n;
                while ((n = r.read(buf)) > 0) {
                    String chunk = carry + new String(buf, 0, n);
                    int from = 0;
                    int at;
                    while ((at = chunk.indexOf("\"remote\":\"untracked\"", from)) >= 0) {
                        untracked++;
                        from = at + 1;
                    }
                    carry = chunk.substring(Math.max(from, chunk.length() - 32));
                }
            }
            assertThat(untracked).isEqualTo(KEYS);
            assertThat(requests.get()).isEqualTo(KEYS / 100);
        } finally {
            server.stop(0);
        }
    }

    private static int run(Map<String, String> env, Path out, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx16m", "-XX:+UseSerialGC", "-jar", System.getProperty("apikey.jar")));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(out.resolveSibling(out.getFileName() + ".err").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("apikey did not finish");
        }
        return p.exitValue();
    }

    /** A page of OpenAI's admin key list (cursor pages of 100), made as it is asked for. */
    private static String page(String query) {
        Map<String, String> q = new java.util.HashMap<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        String after = q.get("after");
        int start = after == null ? 0 : Integer.parseInt(after.substring(4)) + 1;
        int end = Math.min(KEYS, start + Integer.parseInt(q.get("limit")));
        StringBuilder b = new StringBuilder("{\"object\":\"list\",\"data\":[");
        for (int i = start; i < end; i++) {
            b.append(i > start ? "," : "").append("{\"object\":\"organization.admin_api_key\",\"id\":\"key_")
                    .append(i).append("\",\"name\":\"key-").append(i)
                    .append("\",\"redacted_value\":\"sk-admin...abc\",\"created_at\":1711471533,\"expires_at\":null}");
        }
        return b.append("],\"last_id\":\"key_").append(end - 1).append("\",\"has_more\":").append(end < KEYS).append('}')
                .toString();
    }
}
