package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.Jar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apikey request} as a real process: a 1 GiB response in a 64 MiB heap, a body from a pipe. */
class RequestIT {
    static final long SIZE = 1L << 30;
    static final String SECRET = "ak_streamingTestSecret0123456789";

    @TempDir
    Path dir;

    /** The body is made as it is sent: byte n is n mod 256. */
    static final class Generated implements MockResponseBody {
        @Override
        public long getContentLength() {
            return SIZE;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            byte[] chunk = new byte[1 << 16];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (byte) i;
            }
            for (long sent = 0; sent < SIZE; sent += chunk.length) {
                sink.write(chunk, 0, (int) Math.min(chunk.length, SIZE - sent));
            }
            sink.flush();
        }
    }

    @Test
    void aOneGibibyteBodyStreamsThroughA64MibHeap() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/octet-stream")
                    .body(new Generated()).build());
            server.start();
            String url = "http://127.0.0.1:" + server.getPort() + "/big";

            Process p = Jar.process(Jar.command(List.of("-Xmx64m"), "request", "local/big", url, "--allow-host", "127.0.0.1"),
                    Map.of("APIKEY_CONFIG_DIR", dir.toString(), "APIKEY_SECRET_LOCAL_BIG", SECRET))
                    .redirectError(dir.resolve("stderr.txt").toFile())
                    .start();
            long count = 0;
            long wrong = -1;
            try (InputStream out = p.getInputStream()) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = out.read(buffer)) >= 0) {
                    for (int i = 0; i < n && wrong < 0; i++) {
                        if (buffer[i] != (byte) (count + i)) {
                            wrong = count + i;
                        }
                    }
                    count += n;
                }
            }
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            String stderr = java.nio.file.Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);

            assertThat(p.exitValue()).as(stderr).isZero();
            assertThat(stderr).isEmpty();
            assertThat(count).isEqualTo(SIZE);
            assertThat(wrong).as("first wrong byte").isEqualTo(-1);
            assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET);
        }
    }

    @Test
    void aBodyAndAStoredSecretComeFromAPipe() throws Exception {
        Map<String, String> env = Map.of("APIKEY_CONFIG_DIR", dir.toString(), "APIKEY_BACKEND", "file",
                "APIKEY_PASSPHRASE", "it-passphrase");
        Process imported = Jar.process(Jar.command(List.of(), "import", "local/piped"), env).start();
        try (var in = imported.getOutputStream()) {
            in.write((SECRET + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String importErr = new String(imported.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(imported.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(imported.exitValue()).as(importErr).isZero();

        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
            server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
            server.start();
            String url = "http://127.0.0.1:" + server.getPort() + "/items";
            for (List<String> body : List.of(List.of("-d", "@-"), List.of("-F", "note=@-"))) {
                List<String> args = new java.util.ArrayList<>(List.of("request", "local/piped", url, "--allow-host", "127.0.0.1"));
                args.addAll(body);
                Process p = Jar.process(Jar.command(List.of(), args.toArray(String[]::new)), env).start();
                try (var in = p.getOutputStream()) {
                    in.write("{\"from\":\"pipe\"}".getBytes(StandardCharsets.UTF_8));
                }
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(err).isZero();
            }
            var raw = server.takeRequest();
            assertThat(raw.getBody().utf8()).isEqualTo("{\"from\":\"pipe\"}");
            assertThat(raw.getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET);
            assertThat(server.takeRequest().getBody().utf8()).isEqualTo("{\"note\":\"{\\\"from\\\":\\\"pipe\\\"}\"}");
        }
    }
}
