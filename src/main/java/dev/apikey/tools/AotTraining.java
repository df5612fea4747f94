package dev.apikey.tools;

import dev.apikey.App;
import dev.apikey.Env;
import dev.apikey.core.UserPrompts;
import dev.apikey.term.Terminal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run for the packaged runtime's ahead-of-time cache (JDK 25, JEP 483/514): the commands
 * users run most, in one JVM, against a throwaway config directory, the encrypted file store and a
 * loopback HTTP server — so the classes they load are archived and every later start skips loading
 * and linking them. Used only by {@code packaging/build.sh}; never by apikey itself.
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("apikey-training");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread http = new Thread(() -> serve(server), "training-http");
            http.setDaemon(true);
            http.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/v1/ping";
            Map<String, String> vars = new HashMap<>(System.getenv());
            vars.keySet().removeIf(k -> k.startsWith("APIKEY_"));
            vars.put("APIKEY_CONFIG_DIR", dir.toString());
            vars.put("APIKEY_BACKEND", "file");
            vars.put("APIKEY_PASSPHRASE", "training");
            String[][] runs = {
                {"--version"}, {"--help"}, {"create", "--help"},
                {"create", "local/training", "--expires", "30d"}, {"list"}, {"list", "--json"},
                {"get", "local/training"}, {"provider", "list"}, {"status"}, {"rotate", "local/training"},
                {"request", "local/training", "--allow-host", "127.0.0.1:" + server.getLocalPort(), url},
                // Plain http needs no TLS, but users' requests mostly go over https: the same server over https
                // fails its handshake (it speaks no TLS) after the trust store, TLS context and ClientHello are done.
                {"request", "local/training", "--allow-host", "127.0.0.1:" + server.getLocalPort(),
                    url.replace("http://", "https://")},
                {"exec", "local/training", "--", "true"}, {"log", "--json"},
                {"forget", "local/training", "--yes"}, {"get", "local/missing"},
            };
            for (String[] run : runs) {
                train(vars, dir, run);
            }
            // A keychain to train on: packaging/build.sh runs the training inside a private D-Bus session with
            // an unlocked gnome-keyring when the machine has them, so that a `get` from the keychain starts
            // with java-keyring and dbus-java archived too. Never the user's own keychain.
            if (System.getenv(PRIVATE_KEYCHAIN) != null) {
                vars.remove("APIKEY_BACKEND");
                String[][] keychainRuns = {
                    {"create", "local/keychain-training", "--backend", "keychain"}, {"get", "local/keychain-training"},
                    {"exec", "local/keychain-training", "--", "true"}, {"forget", "local/keychain-training", "--yes"},
                };
                for (String[] run : keychainRuns) {
                    train(vars, dir, run);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        // The JVM writes the cache at exit, and dbus-java's sender thread (after the keychain runs) would
        // keep it from exiting on its own, as apikey's own main never waits for it either.
        System.exit(0);
    }

    /** Set (by packaging/build.sh) when the D-Bus session bus is a private one with a throwaway keyring. */
    static final String PRIVATE_KEYCHAIN = "APIKEY_TRAINING_PRIVATE_KEYCHAIN";

    private static void train(Map<String, String> vars, Path dir, String[] run) {
        App.run(Env.builder().terminal(new QuietTerminal()).variables(vars)
                .osName(System.getProperty("os.name", "Linux")).home(dir).build(), run);
    }

    /** Answers every request with a small JSON body. */
    private static void serve(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[8192];
                int n = in.read(buf); // one read holds a training request's headers
                if (n <= 0) {
                    continue;
                }
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
            } catch (IOException e) {
                // the training continues with the next request
            }
        }
    }

    /** Streams that go nowhere: training output is of no interest. */
    private static final class QuietTerminal implements Terminal {
        private final PrintStream out = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);

        @Override
        public OutputStream stdout() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public PrintStream out() {
            return out;
        }

        @Override
        public PrintStream err() {
            return out;
        }

        @Override
        public InputStream in() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public boolean stdinIsTerminal() {
            return false;
        }

        @Override
        public boolean stdoutIsTerminal() {
            return false;
        }

        @Override
        public boolean stderrIsTerminal() {
            return false;
        }

        @Override
        public int width() {
            return 0;
        }

        @Override
        public UserPrompts prompts() {
            return UserPrompts.NONE;
        }
    }
}
