package dev.apikey.tools;

import dev.apikey.App;
import dev.apikey.Env;
import dev.apikey.Main;
import dev.apikey.ProcessEnd;
import dev.apikey.term.SystemTerminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training runs for the packaged runtime's ahead-of-time caches (JDK 25, JEP 483/514): the commands users
 * run most, against a throwaway config directory, the encrypted file store and a loopback HTTP server, so that
 * the classes they load are archived and later starts skip loading and linking them. Used only by
 * {@code packaging/build.sh} and the jar distribution's launcher; never by apikey itself.
 *
 * <p>A JVM started with an AOT cache loads every class the cache holds before {@code main}, whether the command
 * needs it or not (about 15 µs a class here): one cache trained on every command made {@code --version} load
 * 5,000 classes to print a line. So each of the commands that must start fastest has a cache trained on that
 * command alone ({@link Profile}), and the launcher picks it by the command's name; every other command uses
 * the {@code full} one.
 *
 * <pre>
 *   AotTraining                      every command, in a config directory of its own (the full cache)
 *   AotTraining profiles             the names of the profiles, one a line
 *   AotTraining prepare DIR          makes the keys the profiles use, in the config directory DIR (untrained)
 *   AotTraining PROFILE DIR          one profile's commands, against DIR
 * </pre>
 */
public final class AotTraining {
    private AotTraining() {
    }

    /** Set (by packaging/build.sh) when the D-Bus session bus is a private one with a throwaway keyring. */
    static final String PRIVATE_KEYCHAIN = "APIKEY_TRAINING_PRIVATE_KEYCHAIN";

    private static final String FILE_KEY = "local/training";
    private static final String KEYCHAIN_KEY = "local/keychain-training";
    /** {@link #FILE_KEY}'s secret from the environment, as in CI. */
    private static final Map<String, String> CI_SECRET = Map.of("APIKEY_SECRET_LOCAL_TRAINING", "ak_trainingSecret0123456789");

    /** One command of a training, with variables of its own beside the training's. */
    private record Run(List<String> args, Map<String, String> vars, boolean needsKeychain) {
        static Run of(String... args) {
            return new Run(List.of(args), Map.of(), false);
        }

        static Run ci(String... args) {
            return new Run(List.of(args), CI_SECRET, false);
        }

        /** With the key in the keychain: run only where a private keychain is at hand. */
        static Run keychain(String... args) {
            List<String> withKey = new ArrayList<>(List.of(args));
            withKey.replaceAll(a -> a.equals(FILE_KEY) ? KEYCHAIN_KEY : a);
            return new Run(withKey, Map.of("APIKEY_BACKEND", ""), true);
        }
    }

    /** A cache's training: the commands that load what the command it is named after needs, and no more. */
    enum Profile {
        VERSION {
            @Override
            List<Run> runs(Server server) {
                return List.of(Run.of("--version"));
            }
        },
        LIST {
            @Override
            List<Run> runs(Server server) {
                return List.of(Run.of("list"), Run.of("list", "--json"));
            }
        },
        GET {
            @Override
            List<Run> runs(Server server) {
                return List.of(Run.of("get", FILE_KEY), Run.keychain("get", FILE_KEY), Run.of("get", "local/missing"));
            }
        },
        EXEC {
            @Override
            List<Run> runs(Server server) {
                String[] exec = {"exec", FILE_KEY, "--", "true"};
                return List.of(Run.of(exec), Run.ci(exec), Run.keychain(exec));
            }
        },
        REQUEST {
            @Override
            List<Run> runs(Server server) {
                String[] plain = {"request", FILE_KEY, "--allow-host", server.hostPort(), server.url("http")};
                // Plain http needs no TLS, but users' requests mostly go over https: the same server over https
                // fails its handshake (it speaks no TLS) after the trust store, TLS context and ClientHello are done.
                String[] tls = {"request", FILE_KEY, "--allow-host", server.hostPort(), server.url("https")};
                return List.of(Run.of(plain), Run.of(tls), Run.ci(plain), Run.keychain(plain));
            }
        },
        FULL {
            /** The other commands, and all that the profiles above run: the full cache serves a command of theirs too. */
            @Override
            List<Run> runs(Server server) {
                List<Run> runs = new ArrayList<>(List.of(Run.of("--help"), Run.of("create", "--help"),
                        Run.of("create", "local/full-training", "--expires", "30d"), Run.of("provider", "list"),
                        Run.of("status"), Run.of("rotate", "local/full-training"), Run.of("log", "--json"),
                        Run.of("forget", "local/full-training", "--yes"),
                        Run.keychain("create", "local/full-keychain-training", "--backend", "keychain"),
                        Run.keychain("forget", "local/full-keychain-training", "--yes")));
                for (Profile p : values()) {
                    if (p != FULL) {
                        runs.addAll(p.runs(server));
                    }
                }
                return runs;
            }
        };

        abstract List<Run> runs(Server server);

        String profileName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("profiles")) {
            for (Profile p : Profile.values()) {
                System.out.println(p.profileName());
            }
            return;
        }
        if (args.length == 2 && args[0].equals("prepare")) {
            prepare(Path.of(args[1]));
            return;
        }
        if (args.length == 2) {
            train(profile(args[0]), Path.of(args[1]));
        } else if (args.length == 0) {
            // The jar distribution's launcher: one archive for every command, in a directory of its own.
            Path dir = Files.createTempDirectory("apikey-training");
            try {
                prepare(dir);
                train(Profile.FULL, dir);
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } else {
            throw new IllegalArgumentException("usage: AotTraining [profiles | prepare DIR | PROFILE DIR]");
        }
        // The JVM writes the cache at exit, and dbus-java's sender thread (after the keychain runs) would
        // keep it from exiting on its own, as apikey's own main exits when one is left.
        System.exit(0);
    }

    private static Profile profile(String name) {
        for (Profile p : Profile.values()) {
            if (p.profileName().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no training profile " + name);
    }

    /** The keys every profile uses; made before a training, so that making them is not part of it. */
    private static void prepare(Path dir) {
        run(dir, Run.of("create", FILE_KEY));
        if (keychainAtHand()) {
            run(dir, new Run(List.of("create", KEYCHAIN_KEY, "--backend", "keychain"), Map.of("APIKEY_BACKEND", ""), true));
        }
    }

    private static void train(Profile profile, Path dir) throws IOException, ClassNotFoundException {
        // apikey's entry point, which a training cannot call (it ends the JVM), initialised so that it is archived,
        // and the end it makes, so that its method reference is archived too (made, never used).
        Class.forName(Main.class.getName(), true, AotTraining.class.getClassLoader());
        ProcessEnd.system();
        try (Server server = new Server()) {
            for (Run run : profile.runs(server)) {
                if (!run.needsKeychain() || keychainAtHand()) {
                    run(dir, run);
                }
            }
        }
    }

    /**
     * A keychain to train on: packaging/build.sh runs the training inside a private D-Bus session with an
     * unlocked gnome-keyring when the machine has them, so that a `get` from the keychain starts with
     * java-keyring and dbus-java archived too. Never the user's own keychain.
     */
    private static boolean keychainAtHand() {
        return System.getenv(PRIVATE_KEYCHAIN) != null;
    }

    private static void run(Path dir, Run run) {
        Map<String, String> vars = new HashMap<>(System.getenv());
        vars.keySet().removeIf(k -> k.startsWith("APIKEY_"));
        vars.put("APIKEY_CONFIG_DIR", dir.toString());
        vars.put("APIKEY_BACKEND", "file");
        vars.put("APIKEY_PASSPHRASE", "training");
        vars.putAll(run.vars());
        vars.values().removeIf(String::isEmpty);
        // The real standard streams, as apikey's own main uses (whoever runs a training sends them elsewhere):
        // a terminal of the training's own would leave their classes out of the cache.
        int code = App.run(Env.builder().terminal(new SystemTerminal(vars)).variables(vars)
                .osName(System.getProperty("os.name", "Linux")).home(dir).build(), run.args().toArray(String[]::new));
        // What main then does, but for ending the JVM.
        new ProcessEnd(unused -> { }).end(code);
    }

    /**
     * A loopback HTTP server for the requests of a training, answering each with a small JSON body; started
     * by the first profile run that names it, so that the others do not train on sockets and threads.
     */
    private static final class Server implements AutoCloseable {
        private ServerSocket socket;

        String hostPort() {
            if (socket == null) {
                try {
                    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                ServerSocket s = socket;
                Thread http = new Thread(() -> serve(s), "training-http");
                http.setDaemon(true);
                http.start();
            }
            return "127.0.0.1:" + socket.getLocalPort();
        }

        String url(String scheme) {
            return scheme + "://" + hostPort() + "/v1/ping";
        }

        @Override
        public void close() throws IOException {
            if (socket != null) {
                socket.close();
            }
        }
    }

    /**
     * Answers every request with a small JSON body, its type with a charset as most APIs send it: OkHttp parses
     * such a type with classes a bare {@code application/json} leaves out of the cache.
     */
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
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: "
                        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
            } catch (IOException e) {
                // the training continues with the next request
            }
        }
    }
}
