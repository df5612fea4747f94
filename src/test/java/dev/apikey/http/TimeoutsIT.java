package dev.apikey.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.JarProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A provider that never answers, or answers one byte at a time forever (SPEC §8): the real jar gives
 * up each call after {@code APIKEY_HTTP_TIMEOUT}, the operation with its retries soon after, and
 * exits 6 saying "timed out" — never 130, which is Ctrl-C.
 */
class TimeoutsIT {
    private static final String ADMIN = "acme-admin-0123456789abcdef";
    private static final Path DEFINITION = Path.of("docs/examples/acme-vault.json").toAbsolutePath();

    @TempDir
    Path dir;
    private StuckServer server;

    @AfterEach
    void tearDown() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0} server, apikey {1}")
    @CsvSource({
        "silent, list --remote acme, 4",
        "trickling, list --remote acme, 1",
        "silent, create acme/bot, 1",
        "trickling, create acme/bot, 1",
    })
    void aStuckProviderIsATimeoutExitSix(String behaviour, String command, int attempts) throws Exception {
        server = new StuckServer(behaviour.equals("trickling"));
        JarProcess apikey = new JarProcess()
                .env("APIKEY_CONFIG_DIR", dir.toString())
                .env("APIKEY_BACKEND", "file")
                .env("APIKEY_PASSPHRASE", "timeouts")
                .env("APIKEY_ADMIN_ACME", ADMIN)
                .env("APIKEY_HTTP_TIMEOUT", "2")
                .timeout(Duration.ofSeconds(100));
        JarProcess.Result added = apikey.run(null, "provider", "add", "acme", "--type", "http", "--file",
                DEFINITION.toString(), "--base-url", server.baseUrl());
        assertThat(added.exit()).as(added.toString()).isZero();

        JarProcess.Result r = apikey.run(null, command.split(" "));

        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(r.err()).as(r.toString()).contains("timed out").doesNotContain("cancelled");
        // A GET with no answer is retried (4 attempts of 2 s and their backoff), a create is not, nor a
        // response whose body stopped coming; all far from the old 125 s.
        assertThat(r.elapsed()).as(r.toString()).isLessThan(Duration.ofSeconds(45));
        assertThat(server.requests(command.startsWith("create") ? "POST" : "GET")).as(r.toString()).isEqualTo(attempts);
    }

    /** Accepts connections and never finishes an answer: silent, or one byte of body every 200 ms. */
    static final class StuckServer implements AutoCloseable {
        private final ServerSocket socket;
        private final boolean trickle;
        private final List<Socket> clients = new CopyOnWriteArrayList<>();
        private final AtomicInteger gets = new AtomicInteger();
        private final AtomicInteger posts = new AtomicInteger();
        private final Thread acceptor;

        StuckServer(boolean trickle) throws IOException {
            this.trickle = trickle;
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.acceptor = new Thread(this::accept, "stuck-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        int requests(String method) {
            return (method.equals("GET") ? gets : posts).get();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    clients.add(client);
                    Thread t = new Thread(() -> serve(client), "stuck-client");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket client) {
            try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
                String head = readHead(in);
                (head.startsWith("POST") ? posts : gets).incrementAndGet();
                if (!trickle) {
                    while (in.read() != -1) {
                        // silent: read whatever comes, answer nothing, until the client gives up
                    }
                    return;
                }
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (true) {
                    Thread.sleep(200); // the pace of the trickle, not a synchronisation
                    out.write(' ');
                    out.flush();
                }
            } catch (IOException | InterruptedException gone) {
                // the client hung up
            }
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int c;
            while ((c = in.read()) != -1) {
                head.append((char) c);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            return head.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket c : clients) {
                c.close();
            }
        }
    }
}
