package dev.apikey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.Jar;
import dev.apikey.testing.JarProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apikey unlock} and {@code lock} through the real jar, with real agent processes: later
 * commands get the key with no passphrase anywhere (so they neither prompted nor derived), the agent
 * leaves by itself at expiry, and stale, loose, foreign or swapped things are refused or survived.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnlockIT {
    static final String SECRET = "ak_unlockIntegrationSecret0123456789";
    static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path dir;
    Path config;
    Path runtime;
    final List<Long> agents = new ArrayList<>();

    @BeforeEach
    void aFileStoreWithOneKey() throws IOException {
        config = dir.resolve("config");
        runtime = Files.createDirectory(dir.resolve("run"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        JarProcess.Result imported = apikey().env("APIKEY_PASSPHRASE", PASSPHRASE)
                .run(SECRET, "import", "local/it", "--backend", "file");
        assertThat(imported.exit()).as(imported.toString()).isZero();
    }

    @AfterEach
    void stopAgents() {
        agents.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    JarProcess apikey() {
        return new JarProcess().env("APIKEY_CONFIG_DIR", config.toString()).env("XDG_RUNTIME_DIR", runtime.toString());
    }

    /** {@code unlock --json} with the passphrase; returns the JSON and remembers the agent to stop it. */
    JsonNode unlock(String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("unlock", "--json"));
        args.addAll(List.of(more));
        JarProcess.Result r = apikey().env("APIKEY_PASSPHRASE", PASSPHRASE).run(null, args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isZero();
        return remember(r);
    }

    JsonNode remember(JarProcess.Result r) throws IOException {
        JsonNode json = Json.mapper().readTree(r.out());
        agents.add(json.get("agentPid").asLong());
        return json;
    }

    /** {@code get} with no passphrase in the environment and no terminal: only an agent can open the store. */
    JarProcess.Result getWithoutPassphrase() {
        return apikey().run(null, "get", "local/it");
    }

    Path socket() throws IOException {
        try (Stream<Path> files = Files.list(runtime.resolve("apikey"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".sock")).findFirst().orElseThrow();
        }
    }

    static void awaitExit(long pid) throws Exception {
        CompletableFuture<ProcessHandle> exit = ProcessHandle.of(pid).map(ProcessHandle::onExit)
                .orElse(CompletableFuture.completedFuture(null));
        exit.get(60, TimeUnit.SECONDS);
    }

    @Test
    void afterUnlockCommandsNeedNoPassphraseUntilLock() throws Exception {
        JarProcess.Result before = getWithoutPassphrase();
        assertThat(before.exit()).as(before.toString()).isEqualTo(5);
        assertThat(before.err()).contains("needs a passphrase");

        JarProcess.Result unlocked = apikey().env("APIKEY_PASSPHRASE", PASSPHRASE).run(null, "unlock", "--json");
        assertThat(unlocked.exit()).as(unlocked.toString()).isZero();
        JsonNode json = remember(unlocked);
        // stderr holds our one line and nothing of the JVM's
        assertThat(unlocked.err().lines().toList()).as(unlocked.toString()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("Unlocked: " + config.resolve("secrets.enc"));
        assertThat(json.get("store").asText()).isEqualTo(config.resolve("secrets.enc").toString());
        assertThat(json.get("extended").asBoolean()).isFalse();
        Instant expires = Instant.parse(json.get("expiresAt").asText());
        assertThat(expires).isBetween(Instant.now().plus(Duration.ofMinutes(13)), Instant.now().plus(Duration.ofMinutes(15)));

        Path socket = Path.of(json.get("socket").asText());
        assertThat(socket.getParent()).isEqualTo(runtime.resolve("apikey"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent()))).isEqualTo("rwx------");

        // No passphrase anywhere and no terminal: the key can only have come from the agent.
        JarProcess.Result got = getWithoutPassphrase();
        assertThat(got.exit()).as(got.toString()).isZero();
        assertThat(got.out()).isEqualTo(SECRET + "\n");
        JarProcess.Result verbose = apikey().run(null, "get", "local/it", "-v");
        assertThat(verbose.err()).contains("file store key from the unlock agent");

        JarProcess.Result status = apikey().run(null, "status");
        assertThat(status.out()).contains("unlocked until").contains("agent pid " + json.get("agentPid").asLong());

        JarProcess.Result locked = apikey().run(null, "lock", "--json");
        assertThat(locked.exit()).as(locked.toString()).isZero();
        assertThat(Json.mapper().readTree(locked.out()).get("wasUnlocked").asBoolean()).isTrue();
        awaitExit(json.get("agentPid").asLong());
        assertThat(socket).doesNotExist();
        assertThat(getWithoutPassphrase().exit()).isEqualTo(5);
    }

    @Test
    void theAgentIsDetachedWithNoTerminalNoEnvironmentAndAPrivateSession() throws Exception {
        long pid = unlock().get("agentPid").asLong();
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertThat(fields[3]).as("session id").isEqualTo(String.valueOf(pid));
        assertThat(fields[4]).as("controlling terminal").isEqualTo("0");
        assertThat(Files.readAllBytes(Path.of("/proc/" + pid + "/environ"))).as("environment").isEmpty();
        for (String fd : List.of("0", "1", "2")) {
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid + "/fd/" + fd)).toString()).isEqualTo("/dev/null");
        }
    }

    @Test
    void aPassphraseInTheEnvironmentStillWins() throws Exception {
        unlock();
        JarProcess.Result r = apikey().env("APIKEY_PASSPHRASE", "not the passphrase").run(null, "get", "local/it");
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("wrong passphrase");
    }

    @Test
    void aWrongPassphraseUnlocksNothingAndStartsNothing() {
        JarProcess.Result r = apikey().env("APIKEY_PASSPHRASE", "wrong").run(null, "unlock");
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("wrong passphrase");
        assertThat(runtime.resolve("apikey")).doesNotExist();
        assertThat(getWithoutPassphrase().exit()).isEqualTo(5);
    }

    @Test
    void unlockingAgainExtendsWithoutThePassphrase() throws Exception {
        JsonNode first = unlock("--for", "1m");
        JarProcess.Result again = apikey().run(null, "unlock", "--for", "2h", "--json");
        assertThat(again.exit()).as(again.toString()).isZero();
        JsonNode second = remember(again);
        assertThat(second.get("extended").asBoolean()).isTrue();
        assertThat(second.get("agentPid").asLong()).isEqualTo(first.get("agentPid").asLong());
        assertThat(Instant.parse(second.get("expiresAt").asText()))
                .isAfter(Instant.parse(first.get("expiresAt").asText()).plus(Duration.ofMinutes(100)));
        assertThat(again.err()).contains("Still unlocked");
    }

    @Test
    void theAgentLeavesByItselfWhenTheTimeIsUp() throws Exception {
        JsonNode json = unlock("--for", "2s");
        Path socket = Path.of(json.get("socket").asText());
        awaitExit(json.get("agentPid").asLong()); // the agent's own deadline, not a sleep here
        assertThat(socket).doesNotExist();
        JarProcess.Result r = getWithoutPassphrase();
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
    }

    @Test
    void lockWhenNotUnlockedSaysSoAndSucceeds() throws Exception {
        JarProcess.Result r = apikey().run(null, "lock", "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.get("wasUnlocked").asBoolean()).isFalse();
        assertThat(json.get("locked").asBoolean()).isTrue();
        assertThat(r.err()).contains("Not unlocked");
    }

    @Test
    void aKilledAgentLeavesAStaleSocketThatCommandsSurviveAndUnlockReplaces() throws Exception {
        JsonNode json = unlock();
        long pid = json.get("agentPid").asLong();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        awaitExit(pid);
        Path socket = Path.of(json.get("socket").asText());
        assertThat(socket).exists(); // kill -9 leaves the file behind

        JarProcess.Result r = getWithoutPassphrase();
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("needs a passphrase");
        assertThat(apikey().run(null, "status").out()).contains("locked");

        JsonNode again = unlock();
        assertThat(again.get("agentPid").asLong()).isNotEqualTo(pid);
        assertThat(getWithoutPassphrase().exit()).isZero();
    }

    @Test
    void aSwappedSecretsFileIsNeverOpenedWithTheKeyOfTheOldOne() throws Exception {
        unlock();
        Path otherConfig = dir.resolve("other");
        JarProcess.Result other = new JarProcess().env("APIKEY_CONFIG_DIR", otherConfig.toString())
                .env("XDG_RUNTIME_DIR", runtime.toString()).env("APIKEY_PASSPHRASE", "another passphrase")
                .run("ak_anotherSecret0123456789", "import", "local/it", "--backend", "file");
        assertThat(other.exit()).as(other.toString()).isZero();
        Files.copy(otherConfig.resolve("secrets.enc"), config.resolve("secrets.enc"), StandardCopyOption.REPLACE_EXISTING);

        JarProcess.Result r = getWithoutPassphrase();
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("unlocked for another secrets file").doesNotContain("ak_");
    }

    @Test
    void aSocketOpenToOthersIsRefused() throws Exception {
        Path socket = Path.of(unlock().get("socket").asText());
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        try {
            JarProcess.Result r = getWithoutPassphrase();
            assertThat(r.exit()).as(r.toString()).isEqualTo(5);
            assertThat(r.err()).contains("open to other users").contains("not using the unlock agent");

            JarProcess.Result u = apikey().env("APIKEY_PASSPHRASE", PASSPHRASE).run(null, "unlock");
            assertThat(u.exit()).as(u.toString()).isEqualTo(7);
            assertThat(u.err()).contains("refusing to use it");
            assertThat(apikey().run(null, "lock").exit()).isEqualTo(7);
        } finally {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void aSocketOfAnotherUserIsRefused() throws Exception {
        assumeTrue(OwnUser.uid() == 0, "needs root to give a socket away");
        Path socket = Path.of(unlock().get("socket").asText());
        Files.setOwner(socket, nobody());
        JarProcess.Result r = getWithoutPassphrase();
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("belongs to uid 65534");
        JarProcess.Result u = apikey().env("APIKEY_PASSPHRASE", PASSPHRASE).run(null, "unlock");
        assertThat(u.exit()).as(u.toString()).isEqualTo(7);
    }

    @Test
    void withoutXdgRuntimeDirTheSocketGoesToAPrivateDirectoryOfThisUid() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        JarProcess noRuntime = new JarProcess().env("APIKEY_CONFIG_DIR", config.toString()).env("TMPDIR", tmp.toString());
        ProcessBuilder pb = noRuntime.env("APIKEY_PASSPHRASE", PASSPHRASE).builder("unlock", "--json");
        pb.environment().remove("XDG_RUNTIME_DIR");
        Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        JsonNode json = Json.mapper().readTree(out);
        agents.add(json.get("agentPid").asLong());
        Path socket = Path.of(json.get("socket").asText());
        assertThat(socket.getParent()).isEqualTo(tmp.resolve("apikey-" + OwnUser.uid()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent()))).isEqualTo("rwx------");
    }

    /**
     * A second user, for real: an agent of uid 65534 (nobody) serves nobody's own commands, and closes a
     * connection from this test (root, which the file permissions do not stop) without a word.
     */
    @Test
    void theAgentAnswersNoOtherUidNotEvenRoot() throws Exception {
        assumeTrue(OwnUser.uid() == 0 && Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs root and setpriv");
        Path home = Files.createTempDirectory(Path.of("/tmp"), "apikey-other-uid");
        try {
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            Files.setOwner(home, nobody());
            // The build's jar may sit below directories only root can enter (a fresh clone in a 0700 temporary
            // directory): nobody runs its own copy.
            Path jar = Files.copy(Jar.path(), home.resolve("apikey.jar"));
            Files.setOwner(jar, nobody());
            nobodysJar = jar;
            Map<String, String> env = Map.of("APIKEY_CONFIG_DIR", home.resolve("config").toString(),
                    "XDG_RUNTIME_DIR", home.toString(), "HOME", home.toString());
            assertThat(asNobody(env, PASSPHRASE, SECRET, "import", "local/it", "--backend", "file").exit).isZero();
            Ran unlocked = asNobody(env, PASSPHRASE, null, "unlock", "--json");
            assertThat(unlocked.exit).as(unlocked.err).isZero();
            JsonNode json = Json.mapper().readTree(unlocked.out);
            agents.add(json.get("agentPid").asLong());
            Ran own = asNobody(env, null, null, "get", "local/it");
            assertThat(own.exit).as(own.err).isZero();
            assertThat(own.out).isEqualTo(SECRET + "\n");

            try (SocketChannel root = SocketChannel.open(UnixDomainSocketAddress.of(Path.of(json.get("socket").asText())))) {
                ByteBuffer answer = ByteBuffer.allocate(64);
                int read;
                try {
                    root.write(AgentProtocol.seal(AgentProtocol.frame(AgentProtocol.STATUS)));
                    read = root.read(answer);
                } catch (IOException closed) {
                    read = -1; // closed before or after the request: a broken pipe or a reset, still no answer
                }
                assertThat(read).as("the agent's answer to root").isEqualTo(-1);
                assertThat(answer.position()).isZero();
            }
            // ... while the agent is alive and well for its own user:
            Ran locked = asNobody(env, null, null, "lock", "--json");
            assertThat(locked.exit).as(locked.err).isZero();
            assertThat(Json.mapper().readTree(locked.out).get("wasUnlocked").asBoolean()).isTrue();
            awaitExit(json.get("agentPid").asLong());
        } finally {
            try (Stream<Path> all = Files.walk(home)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    record Ran(int exit, String out, String err) {
    }

    Ran asNobody(Map<String, String> env, String passphrase, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        command.add(Jar.java());
        command.add("-jar");
        command.add(nobodysJar.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("APIKEY_") || k.startsWith("XDG_"));
        pb.environment().putAll(env);
        if (passphrase != null) {
            pb.environment().put("APIKEY_PASSPHRASE", passphrase);
        }
        Process p = pb.start();
        CompletableFuture<String> out = JarProcess.drain(p.getInputStream());
        CompletableFuture<String> err = JarProcess.drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException exitedBeforeReading) {
            // the process ended without reading its input: its exit code and stderr below say why
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), out.join(), err.join());
    }

    private Path nobodysJar;

    static UserPrincipal nobody() throws IOException {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    }
}
