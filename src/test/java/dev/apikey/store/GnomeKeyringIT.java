package dev.apikey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.JarProcess;
import dev.apikey.testing.PrivateSessionBus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keychain backend against the real Linux Secret Service (gnome-keyring on a private D-Bus
 * session), through the real apikey process.
 */
class GnomeKeyringIT {
    /** Far above the keychain's own 5 s limit: only a hang would reach it. */
    private static final Duration NOT_HUNG = Duration.ofSeconds(30);

    @TempDir
    Path home;

    private JarProcess apikey(PrivateSessionBus bus) {
        return new JarProcess().env(bus.environment()).env("APIKEY_CONFIG_DIR", home.resolve("config").toString());
    }

    @Test
    void secretsAreKeptWhereOtherToolsFindThem() throws Exception {
        try (PrivateSessionBus bus = PrivateSessionBus.start(home).withUnlockedKeyring("test-password")) {
            JarProcess apikey = apikey(bus);
            JarProcess.Result created = apikey.run(null, "create", "local/demo");
            assertThat(created.exit()).as(created.toString()).isZero();
            assertThat(created.err()).contains("keychain");

            String viaSecretTool = bus.run(null, "secret-tool", "lookup", "service", "apikey", "account", "local/demo");
            assertThat(viaSecretTool).matches("ak_[0-9A-Za-z]{43}");
            JarProcess.Result got = apikey.run(null, "get", "local/demo");
            assertThat(got.out()).isEqualTo(viaSecretTool + "\n");

            JarProcess.Result imported = apikey.run("sk-imported-secret-0123456789\n", "import", "local/imported");
            assertThat(imported.exit()).as(imported.toString()).isZero();
            assertThat(bus.run(null, "secret-tool", "lookup", "service", "apikey", "account", "local/imported"))
                    .isEqualTo("sk-imported-secret-0123456789");

            JarProcess.Result forgot = apikey.run(null, "forget", "local/demo", "--yes");
            assertThat(forgot.exit()).as(forgot.toString()).isZero();
            assertThat(bus.run(null, "secret-tool", "lookup", "service", "apikey", "account", "local/demo")).isEmpty();
        }
    }

    @Test
    void aSecretStoredByAnotherToolCanBeUsedOnceImported() throws Exception {
        try (PrivateSessionBus bus = PrivateSessionBus.start(home).withUnlockedKeyring("test-password")) {
            JarProcess apikey = apikey(bus);
            apikey.run("first-value-abcdefghijkl\n", "import", "local/shared");
            // Another tool replaces the item under the same names: apikey reads what is there now.
            bus.run("second-value-abcdefghijkl", "secret-tool", "store", "--label=apikey|local/shared",
                    "service", "apikey", "account", "local/shared");
            assertThat(apikey.run(null, "get", "local/shared").out()).isEqualTo("second-value-abcdefghijkl\n");
        }
    }

    @Test
    void aLockedKeychainIsExitFiveBeforeAnythingIsCreated() throws Exception {
        try (PrivateSessionBus bus = PrivateSessionBus.start(home)) {
            JarProcess.Result r = apikey(bus).timeout(NOT_HUNG).run(null, "create", "local/demo");
            assertThat(r.exit()).as(r.toString()).isEqualTo(5);
            assertThat(r.err()).contains("apikey: the keychain is locked").contains("hint: ");
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(home.resolve("config/keys.json")).doesNotExist();
            assertThat(home.resolve("config/recovery")).doesNotExist();
        }
    }

    @Test
    void noSessionBusIsExitFiveWithAHintForTheFileStore() {
        JarProcess.Result r = new JarProcess()
                .env("HOME", home.toString())
                .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + home.resolve("no-such-bus"))
                .env("APIKEY_CONFIG_DIR", home.resolve("config").toString())
                .timeout(NOT_HUNG)
                .run(null, "create", "local/demo");
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("apikey: no keychain is reachable")
                .contains("APIKEY_BACKEND=file").contains("APIKEY_PASSPHRASE");
        assertThat(home.resolve("config/keys.json")).doesNotExist();
    }

    @Test
    void anExplicitKeychainChoiceWithoutABusFailsTheSameWay() {
        JarProcess.Result r = new JarProcess()
                .env("HOME", home.toString())
                .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + home.resolve("no-such-bus"))
                .env("APIKEY_CONFIG_DIR", home.resolve("config").toString())
                .timeout(NOT_HUNG)
                .run(null, "--backend", "keychain", "create", "local/demo");
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(home.resolve("config/recovery")).doesNotExist();
    }

    /**
     * Parallel CI jobs importing into one keychain: each checks that the keychain takes secrets with
     * a marker item of its own. Fault injected: the marker a crashed earlier apikey left behind under
     * the once-shared name is present, as are several processes probing at the same instant.
     */
    @Test
    void parallelImportsEachProbeTheKeychainWithTheirOwnMarker() throws Exception {
        try (PrivateSessionBus bus = PrivateSessionBus.start(home).withUnlockedKeyring("test-password")) {
            bus.run("write check", "secret-tool", "store", "--label=apikey|.apikey-write-check",
                    "service", "apikey", "account", ".apikey-write-check");
            JarProcess apikey = apikey(bus).timeout(Duration.ofSeconds(120));
            // Six JVMs opening D-Bus at once on a busy 2-core machine: a generous limit, so that only
            // the probe, not a slow start, can fail a job.
            java.nio.file.Files.createDirectories(home.resolve("config"));
            java.nio.file.Files.writeString(home.resolve("config/config.json"), "{\"keychainTimeout\":\"PT60S\"}");
            int jobs = 6;
            java.util.List<Process> running = new java.util.ArrayList<>();
            java.util.List<java.util.concurrent.CompletableFuture<String>> errors = new java.util.ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                Process p = apikey.builder("import", "local/job-" + i).start();
                try (var in = p.getOutputStream()) {
                    in.write(("secret-of-job-" + i + "-0123456789abcdef\n").getBytes());
                }
                JarProcess.drain(p.getInputStream());
                errors.add(JarProcess.drain(p.getErrorStream()));
                running.add(p);
            }
            for (int i = 0; i < jobs; i++) {
                assertThat(running.get(i).waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(running.get(i).exitValue()).as("job %d: %s", i, errors.get(i).join()).isZero();
            }
            for (int i = 0; i < jobs; i++) {
                assertThat(bus.run(null, "secret-tool", "lookup", "service", "apikey", "account", "local/job-" + i))
                        .isEqualTo("secret-of-job-" + i + "-0123456789abcdef");
            }
            String left = bus.run(null, "secret-tool", "search", "--all", "service", "apikey");
            assertThat(left.lines().filter(l -> l.startsWith("attribute.account = .apikey-write-check.")))
                    .as("no marker of these jobs is left behind").isEmpty();
        }
    }

    @Test
    void statusFindsAnUnlockedKeychainOkWithoutWritingToIt() throws Exception {
        importOneKey();
        try (PrivateSessionBus bus = PrivateSessionBus.start(home).withUnlockedKeyring("test-password")) {
            String before = bus.run(null, "secret-tool", "search", "--all", "service", "apikey");
            JarProcess.Result r = apikey(bus).timeout(NOT_HUNG).run(null, "status");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).as(r.toString()).contains("keychain: ok");
            assertThat(bus.run(null, "secret-tool", "search", "--all", "service", "apikey")).isEqualTo(before);
        }
    }

    @Test
    void statusDoesNotCallALockedKeychainOk() throws Exception {
        importOneKey();
        try (PrivateSessionBus bus = PrivateSessionBus.start(home)) { // the same keyring, now locked
            JarProcess.Result r = apikey(bus).timeout(NOT_HUNG).run(null, "status", "--check");
            assertThat(r.exit()).as(r.toString()).isEqualTo(8);
            assertThat(r.out()).as(r.toString()).contains("keychain: unavailable").contains("locked")
                    .doesNotContain("keychain: ok").doesNotContain("nothing needs attention");
        }
    }

    /** The keyring daemon keeps its name on the bus and answers nothing, as one stuck behind a prompt does. */
    @Test
    void statusReportsAKeychainThatDoesNotAnswerAsTimedOutAndEnds() throws Exception {
        importOneKey();
        java.nio.file.Files.writeString(home.resolve("config/config.json"), "{\"keychainTimeout\":\"PT1S\"}");
        try (PrivateSessionBus bus = PrivateSessionBus.start(home).withUnlockedKeyring("test-password")) {
            bus.pauseKeyring();
            JarProcess.Result r = apikey(bus).timeout(NOT_HUNG).run(null, "status", "--check");
            assertThat(r.exit()).as(r.toString()).isEqualTo(8);
            assertThat(r.out()).as(r.toString()).contains("keychain: unavailable").contains("did not answer within 1 s")
                    .doesNotContain("keychain: ok").doesNotContain("nothing needs attention");
        }
    }

    @Test
    void statusCheckWithoutASessionBusNeverSaysNothingNeedsAttention() throws Exception {
        importOneKey();
        JarProcess.Result r = new JarProcess()
                .env("HOME", home.toString())
                .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + home.resolve("no-such-bus"))
                .env("APIKEY_CONFIG_DIR", home.resolve("config").toString())
                .timeout(NOT_HUNG)
                .run(null, "status", "--check");
        assertThat(r.exit()).as(r.toString()).isEqualTo(8);
        assertThat(r.out()).as(r.toString()).contains("keychain: unavailable").doesNotContain("nothing needs attention");
    }

    /** A key in the keychain, so that status has the keychain to check. */
    private void importOneKey() throws Exception {
        try (PrivateSessionBus bus = PrivateSessionBus.start(home).withUnlockedKeyring("test-password")) {
            JarProcess.Result imported = apikey(bus).run("sk-status-secret-0123456789\n", "import", "local/status");
            assertThat(imported.exit()).as(imported.toString()).isZero();
        }
    }
}
