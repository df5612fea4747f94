package dev.apikey.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.JarProcess;
import dev.apikey.testing.fakes.AcmeVaultFake;
import dev.apikey.testing.fakes.FakeApi;
import dev.apikey.testing.fakes.GitHubSecretsFake;
import dev.apikey.testing.fakes.StrictFake;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kill -9 of a real apikey process before, during and after the target writes of a rotation: after
 * {@code rotate --resume} every target holds the stored secret (opened by libsodium) and exactly one
 * key is live at the provider. And a target that cannot be written keeps the old key alive until
 * {@code sync} completes the rotation.
 */
class TargetCrashIT {
    private static final String ADMIN = "acme-admin-0123456789abcdef";
    private static final String GITHUB_TOKEN = "ghp_crash0123456789abcdefABCDEF01";
    private static final Path DEFINITION = Path.of("docs/examples/acme-vault.json").toAbsolutePath();

    @TempDir
    Path dir;
    AcmeVaultFake acme;
    GitHubSecretsFake github;
    JarProcess apikey;

    @BeforeEach
    void setUp() {
        acme = new AcmeVaultFake(ADMIN);
        github = new GitHubSecretsFake(GITHUB_TOKEN);
        github.addScope("octo/a");
        github.addScope("octo/b");
        apikey = new JarProcess()
                .env("APIKEY_CONFIG_DIR", dir.toString())
                .env("APIKEY_BACKEND", "file")
                .env("APIKEY_PASSPHRASE", "crash test")
                .env("APIKEY_ADMIN_ACME", ADMIN)
                .env("APIKEY_ADMIN_GITHUB", GITHUB_TOKEN);
        ok(apikey.run(null, "provider", "add", "acme", "--type", "http", "--file", DEFINITION.toString(),
                "--base-url", acme.baseUrl()));
        ok(apikey.run(null, "provider", "add", "github", "--type", "github", "--base-url", github.url()));
        ok(apikey.run(null, "create", "acme/bot", "--description", "crash test"));
        ok(apikey.run(null, "target", "add", "acme/bot", "github:octo/a"));
        ok(apikey.run(null, "target", "add", "acme/bot", "github:octo/b"));
        ok(apikey.run(null, "sync"));
    }

    @AfterEach
    void tearDown() {
        acme.close();
        github.close();
    }

    /** Where the rotation is killed: which request a server holds, and whether resume completes or rolls back. */
    static Stream<Arguments> heldRequests() {
        return Stream.of(
                Arguments.of("before the target writes (verify of the new key)", "acme", "GET", "/api/whoami", "rolled-back"),
                Arguments.of("at the first target's public key", "github", "GET", "/repos/octo/a/actions/secrets/public-key", "completed"),
                Arguments.of("during the first target's write", "github", "PUT", "/repos/octo/a/actions/secrets/", "completed"),
                Arguments.of("during the second target's write", "github", "PUT", "/repos/octo/b/actions/secrets/", "completed"),
                Arguments.of("after the target writes (revoke of the old key)", "acme", "DELETE", "/api/keys/", "completed"));
    }

    @ParameterizedTest(name = "killed {0}")
    @MethodSource("heldRequests")
    void killedAroundTheTargetWrites(String where, String server, String method, String path, String expected) throws Exception {
        String before = secret();
        Runnable release;
        Process rotation;
        if (server.equals("acme")) {
            FakeApi.Hold hold = acme.holdAfterActing(method, path);
            rotation = apikey.builder("rotate", "acme/bot").start();
            hold.awaitArrival();
            release = hold::release;
        } else {
            StrictFake.Hold hold = github.holdAfterActing(method, path);
            rotation = apikey.builder("rotate", "acme/bot").start();
            hold.awaitArrival();
            release = hold::release;
        }
        try {
            rotation.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            assertThat(rotation.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            release.run();
        }
        assertThat(apikey.run(null, "rotate", "acme/bot").exit()).as("changing it waits for resume").isEqualTo(8);

        JarProcess.Result resumed = apikey.run(null, "rotate", "--resume", "--json");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(Json.mapper().readTree(resumed.out()).get(0).get("result").asText()).isEqualTo(expected);

        String after = secret();
        assertThat(after.equals(before)).isEqualTo(expected.equals("rolled-back"));
        assertThat(acme.keys).as("exactly one live key at the provider").hasSize(1);
        assertThat(acme.keys.values().iterator().next().secret).as("and it is the stored one").isEqualTo(after);
        for (String repo : new String[] {"octo/a", "octo/b"}) {
            assertThat(opened(repo)).as(repo + " holds the stored secret").isEqualTo(after);
        }
        JsonNode status = Json.mapper().readTree(apikey.run(null, "status", "--json").out());
        assertThat(status.get("findings")).extracting(f -> f.get("kind").asText())
                .noneMatch(k -> k.startsWith("unfinished") || k.equals("stale-target") || k.equals("in-progress"));
    }

    @Test
    void aTargetThatCannotBeWrittenKeepsTheOldKeyLiveUntilSyncCompletesIt() throws Exception {
        String before = secret();
        github.failNext("PUT", "/repos/octo/b/", Integer.MAX_VALUE, 401,
                "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}");
        JarProcess.Result rotated = apikey.run(null, "rotate", "acme/bot");
        assertThat(rotated.exit()).as(rotated.toString()).isEqualTo(8);
        assertThat(rotated.err()).contains("github:octo/b").contains("Bad credentials").contains("apikey sync acme/bot");
        String next = secret();
        assertThat(acme.keys).as("the old key stays live beside the new one").hasSize(2);
        assertThat(acme.keys.values()).extracting(k -> k.secret).contains(before, next);
        assertThat(opened("octo/a")).isEqualTo(next);

        JarProcess.Result check = apikey.run(null, "status", "--check");
        assertThat(check.exit()).as(check.toString()).isEqualTo(8);
        assertThat(check.out()).contains("targets holding an older secret: 1");

        github.clearFaults();
        ok(apikey.run(null, "sync"));
        assertThat(opened("octo/b")).isEqualTo(next);
        assertThat(acme.keys).as("the old key is revoked once every target holds the new one").hasSize(1);
        assertThat(acme.keys.values().iterator().next().secret).isEqualTo(next);
        JarProcess.Result after = apikey.run(null, "status");
        assertThat(after.out()).as("(the fake's keys expire in April: that finding is not ours)")
                .doesNotContain("targets holding").doesNotContain("unfinished");
    }

    private String opened(String repo) throws Exception {
        GitHubSecretsFake.Scope s = github.scope(repo);
        GitHubSecretsFake.Stored stored = s.secrets.get("ACME_KEY");
        assertThat(stored).as(repo + " has the secret").isNotNull();
        return SealedBoxTest.open(s.privateKeyBase64(), stored.encryptedValue());
    }

    private String secret() {
        JarProcess.Result r = apikey.run(null, "get", "acme/bot");
        ok(r);
        return r.out().strip();
    }

    private static void ok(JarProcess.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
    }
}
