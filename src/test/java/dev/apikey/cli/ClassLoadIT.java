package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.apikey.testing.JarProcess;
import dev.apikey.testing.PrivateSessionBus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up is a feature: each command loads the libraries it uses and no others. The real jar runs with
 * {@code -Xlog:class+load}, and the test reads which libraries (and which of apikey's command classes)
 * the JVM loaded. The class counts are printed, so a change that costs start-up shows in the build log.
 */
class ClassLoadIT {
    /** A library by the packages its classes live in. */
    enum Library {
        /** The streaming parser and generator the metadata files are read and written with. */
        JACKSON_CORE("com.fasterxml.jackson.core."),
        /** The object mapper: --json output (but for keys), provider definitions, the journal. */
        JACKSON_DATABIND("com.fasterxml.jackson.databind.", "com.fasterxml.jackson.datatype.",
                "com.fasterxml.jackson.annotation."),
        OKHTTP("okhttp3.", "okio.", "kotlin."),
        JLINE("org.jline."),
        KEYCHAIN("com.github.javakeyring.", "org.freedesktop.dbus.", "com.sun.jna."),
        BOUNCY_CASTLE("org.bouncycastle.");

        final List<String> prefixes;

        Library(String... prefixes) {
            this.prefixes = List.of(prefixes);
        }

        boolean owns(String className) {
            return prefixes.stream().anyMatch(className::startsWith);
        }
    }

    @TempDir
    Path dir;

    /** The classes one run of {@code apikey args} loaded. */
    private List<String> loadedBy(JarProcess apikey, String... args) throws IOException {
        Path log = Files.createTempFile(dir, "classes", ".log");
        JarProcess.Result run = apikey.jvmOption("-Xlog:class+load=info:file=" + log).run(null, args);
        assertThat(run.exit()).as(run.toString()).isZero();
        List<String> classes = Files.readAllLines(log).stream()
                .map(line -> line.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\] ", ""))
                .map(line -> line.split(" ", 2)[0])
                .toList();
        System.out.printf("apikey %s: %d classes%s%n", String.join(" ", args), classes.size(), census(classes));
        return classes;
    }

    private static String census(List<String> classes) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("picocli", classes.stream().filter(c -> c.startsWith("picocli.")).count());
        counts.put("apikey", classes.stream().filter(c -> c.startsWith("dev.apikey.")).count());
        for (Library l : Library.values()) {
            counts.put(l.name().toLowerCase(), classes.stream().filter(l::owns).count());
        }
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ", " (", ")"));
    }

    private static Set<Library> libraries(List<String> classes) {
        Set<Library> found = new TreeSet<>();
        for (String c : classes) {
            for (Library l : Library.values()) {
                if (l.owns(c)) {
                    found.add(l);
                }
            }
        }
        return found;
    }

    /** apikey's subcommands whose model was built: a command's model means its class was initialised or reflected on. */
    private static Set<String> commandsModelled(List<String> classes) {
        return classes.stream().filter(c -> c.startsWith("dev.apikey.cli.") && c.endsWith("Command") && !c.contains("$"))
                .map(c -> c.substring("dev.apikey.cli.".length()))
                .filter(c -> !c.equals("RootCommand") && !c.equals("BaseCommand"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Whether picocli read a command's model from annotations: the annotation types are loaded only by
     * reflection over them. The hot commands declare their models in code ({@link CommandModel}), as reading
     * annotations costs every start 35–50 ms of generated proxies.
     */
    private static boolean readAnnotations(List<String> classes) {
        return classes.stream().anyMatch(c -> c.matches("picocli\\.CommandLine\\$(Command|Option|Parameters|Mixin|Spec|ArgGroup)"));
    }

    /**
     * Whether picocli made its default factory, whose class initialiser looks for Groovy on the class path: a class
     * the class path does not have makes the JVM open and index the whole jar, which the archives otherwise spare.
     */
    private static boolean madePicocliDefaultFactory(List<String> classes) {
        return classes.contains("picocli.CommandLine$DefaultFactory");
    }

    /** Whether a SecureRandom was seeded (the security providers and the system's entropy source): only minting needs one. */
    private static boolean seededRandomness(List<String> classes) {
        return classes.contains("sun.security.provider.NativePRNG");
    }

    /**
     * Whether a record's generated equals, hashCode or toString was called: each is linked at its first call
     * through {@code ObjectMethods}, which spins method-handle classes that no AOT or CDS archive keeps (~10 ms of
     * a packaged {@code exec}). The records the hot commands compare or hash write those methods out.
     */
    private static boolean linkedRecordMethods(List<String> classes) {
        return classes.contains("java.lang.runtime.ObjectMethods");
    }

    private JarProcess apikey() {
        return new JarProcess().env("APIKEY_CONFIG_DIR", dir.resolve("config").toString()).env("HOME", dir.toString());
    }

    @Test
    void versionLoadsNoLibraryAndNoCommand() throws Exception {
        List<String> classes = loadedBy(apikey(), "--version");
        assertThat(libraries(classes)).isEmpty();
        // Not even picocli: only the interface the version's provider implements.
        assertThat(classes).noneMatch(c -> c.startsWith("picocli.") && !c.equals("picocli.CommandLine$IVersionProvider"));
        assertThat(commandsModelled(classes)).isEmpty();
        // The config directory is not even looked at.
        assertThat(classes).noneMatch(c -> c.startsWith("dev.apikey.metadata."));
        assertThat(linkedRecordMethods(classes)).as("a record's generated methods linked").isFalse();
    }

    /**
     * Reading a resource makes the JVM open and index the whole jar (9,600 entries), which the packaged runtime's
     * AOT cache otherwise spares every command: 18 ms of a packaged {@code --version}. Seen with JFR's file reads,
     * whose stack says whether a class or a resource was read.
     */
    @Test
    void theHotCommandsReadNoResourceFromTheJar() throws Exception {
        Path settings = dir.resolve("file-reads.jfc");
        Files.writeString(settings, """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0">
                  <event name="jdk.FileRead">
                    <setting name="enabled">true</setting>
                    <setting name="stackTrace">true</setting>
                    <setting name="threshold">0 ms</setting>
                  </event>
                </configuration>
                """);
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"list"},
                new String[] {"exec", "local/ci", "--", "true"})) {
            Path recording = Files.createTempFile(dir, "reads", ".jfr");
            JarProcess.Result run = apikey().env("APIKEY_SECRET_LOCAL_CI", "ak_guardSecret0123456789")
                    .jvmOption("-XX:StartFlightRecording=filename=" + recording + ",settings=" + settings).run(null, args);
            assertThat(run.exit()).as(run.toString()).isZero();
            List<String> resourceReads = new java.util.ArrayList<>();
            int jarReads = 0;
            for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(recording)) {
                if (!e.getEventType().getName().equals("jdk.FileRead") || !String.valueOf(e.getString("path")).endsWith(".jar")) {
                    continue;
                }
                jarReads++;
                List<String> frames = e.getStackTrace() == null ? List.of() : e.getStackTrace().getFrames().stream()
                        .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName()).toList();
                if (frames.stream().anyMatch(f -> f.contains("getResource"))) {
                    resourceReads.add(String.join(" < ", frames));
                }
            }
            assertThat(jarReads).as("reads of the jar seen at all (its classes), apikey %s", String.join(" ", args)).isPositive();
            assertThat(resourceReads).as("apikey %s", String.join(" ", args)).isEmpty();
        }
    }

    /**
     * apikey uses Bouncy Castle's lightweight API only. Registered as a service, Bouncy Castle's JCA provider is
     * instantiated, every algorithm set up, whenever Java lists the security providers and one that java.security
     * names is not in the runtime, as in the packaged one: OkHttp lists them before its first call, and that was
     * 40 ms of each packaged {@code request}. packaging/check.sh sees a packaged request leave it alone.
     */
    @Test
    void theJarRegistersNoSecurityProviderAndHoldsBouncyCastlesLightweightApiOnly() throws IOException {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(dev.apikey.testing.Jar.path().toFile())) {
            List<String> entries = jar.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertThat(entries).doesNotContain("META-INF/services/java.security.Provider")
                    .noneMatch(e -> e.matches("(META-INF/versions/\\d+/)?org/bouncycastle/(jcajce|jce|pqc|x509)/.*"));
            // What the file store and GitHub's sealed boxes use is there (the ITs that run them go through this jar).
            assertThat(entries).contains("org/bouncycastle/crypto/generators/Argon2BytesGenerator.class",
                    "org/bouncycastle/crypto/engines/XSalsa20Engine.class", "org/bouncycastle/crypto/macs/Poly1305.class",
                    "org/bouncycastle/crypto/digests/Blake2bDigest.class", "org/bouncycastle/math/ec/rfc7748/X25519.class");
        }
    }

    @Test
    void listLoadsJacksonsStreamingParserOnly() throws Exception {
        JarProcess apikey = apikey().env("APIKEY_BACKEND", "file").env("APIKEY_PASSPHRASE", "guard");
        assertThat(apikey.run(null, "-q", "create", "local/listed").exit()).isZero();
        List<String> classes = loadedBy(apikey, "list");
        assertThat(libraries(classes)).containsExactly(Library.JACKSON_CORE);
        assertThat(commandsModelled(classes)).containsExactly("ListCommand");
        assertThat(seededRandomness(classes)).as("a SecureRandom seeded").isFalse();
        assertThat(readAnnotations(classes)).as("a model read from annotations").isFalse();
        assertThat(madePicocliDefaultFactory(classes)).as("picocli's default factory made").isFalse();
        assertThat(linkedRecordMethods(classes)).as("a record's generated methods linked").isFalse();
        // What scripts run: the same, with the keys written by the streaming generator.
        assertThat(libraries(loadedBy(apikey, "list", "--json"))).containsExactly(Library.JACKSON_CORE);
    }

    @Test
    void getFromTheFileStoreLoadsItsKeyDerivationButNoObjectMapper() throws Exception {
        JarProcess apikey = apikey().env("APIKEY_BACKEND", "file").env("APIKEY_PASSPHRASE", "guard");
        assertThat(apikey.run(null, "-q", "create", "local/filed").exit()).isZero();
        List<String> classes = loadedBy(apikey, "get", "local/filed");
        assertThat(libraries(classes)).containsExactly(Library.JACKSON_CORE, Library.BOUNCY_CASTLE);
        assertThat(commandsModelled(classes)).containsExactly("GetCommand");
        assertThat(linkedRecordMethods(classes)).as("a record's generated methods linked").isFalse();
    }

    @Test
    void aCommandModelledByItsAnnotationsIsSeenReadingThem() throws Exception {
        // The check above can fail: 'help' builds the whole tree, with picocli's own annotated help command.
        List<String> classes = loadedBy(apikey(), "help");
        assertThat(readAnnotations(classes)).isTrue();
    }

    @Test
    void execLoadsNeitherHttpNorTerminalNorStores() throws Exception {
        JarProcess apikey = apikey().env("APIKEY_SECRET_LOCAL_CI", "ak_guardSecret0123456789");
        List<String> classes = loadedBy(apikey, "exec", "local/ci", "--", "true");
        assertThat(libraries(classes)).doesNotContain(Library.JACKSON_DATABIND, Library.OKHTTP, Library.JLINE,
                Library.KEYCHAIN, Library.BOUNCY_CASTLE);
        assertThat(commandsModelled(classes)).containsExactly("ExecCommand");
        assertThat(seededRandomness(classes)).as("a SecureRandom seeded").isFalse();
        assertThat(readAnnotations(classes)).as("a model read from annotations").isFalse();
        assertThat(madePicocliDefaultFactory(classes)).as("picocli's default factory made").isFalse();
        assertThat(linkedRecordMethods(classes)).as("a record's generated methods linked").isFalse();
    }

    @Test
    void requestLoadsOkHttpButNoTerminalAndNoStore() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            JarProcess apikey = apikey().env("APIKEY_SECRET_LOCAL_CI", "ak_guardSecret0123456789");
            List<String> classes = loadedBy(apikey, "request", "local/ci", "--allow-host", "127.0.0.1:" + port,
                    "http://127.0.0.1:" + port + "/v1/ping");
            assertThat(libraries(classes)).contains(Library.OKHTTP)
                    .doesNotContain(Library.JACKSON_DATABIND, Library.JLINE, Library.KEYCHAIN, Library.BOUNCY_CASTLE);
            assertThat(commandsModelled(classes)).containsExactly("RequestCommand");
            // Plain http to a loopback server needs no TLS: the trust store is neither loaded nor parsed.
            assertThat(classes).as("TLS set up").noneMatch(c -> c.equals("javax.net.ssl.TrustManagerFactory")
                    || c.startsWith("sun.security.x509."));
            assertThat(readAnnotations(classes)).as("a model read from annotations").isFalse();
            assertThat(madePicocliDefaultFactory(classes)).as("picocli's default factory made").isFalse();
            assertThat(linkedRecordMethods(classes)).as("a record's generated methods linked").isFalse();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void getFromTheKeychainLoadsTheKeychainButNoHttpAndNoTerminal() throws Exception {
        try (PrivateSessionBus bus = PrivateSessionBus.start(dir).withUnlockedKeyring("guard-password")) {
            JarProcess apikey = apikey().env(bus.environment()).env("HOME", dir.toString());
            JarProcess.Result created = apikey.run(null, "-q", "create", "local/kept", "--backend", "keychain");
            assertThat(created.exit()).as(created.toString()).isZero();
            List<String> classes = loadedBy(apikey, "get", "local/kept");
            assertThat(libraries(classes)).contains(Library.KEYCHAIN)
                    .doesNotContain(Library.JACKSON_DATABIND, Library.OKHTTP, Library.JLINE, Library.BOUNCY_CASTLE);
            assertThat(commandsModelled(classes)).containsExactly("GetCommand");
            assertThat(readAnnotations(classes)).as("a model read from annotations").isFalse();
            assertThat(madePicocliDefaultFactory(classes)).as("picocli's default factory made").isFalse();
            assertThat(linkedRecordMethods(classes)).as("a record's generated methods linked").isFalse();
        }
    }
}
