package dev.apikey.provider.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.metadata.Json;
import dev.apikey.testing.JarProcess;
import dev.apikey.testing.fakes.FakeApi;
import dev.apikey.testing.fakes.GitLabFake;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real apikey process while GitLab holds the answer to a rotation it has already made: the old token
 * is revoked and the new secret never arrived. {@code rotate --resume} must rotate the successor, never the revoked
 * token, which GitLab's reuse detection punishes by revoking the whole token family.
 */
class GitLabRotationCrashIT {
    private static final String ADMIN = "glpat-admin-0123456789abcdef";

    @TempDir
    Path dir;
    GitLabFake fake;
    JarProcess apikey;

    @BeforeEach
    void setUp() {
        fake = new GitLabFake(ADMIN).withRealClock();
        apikey = new JarProcess()
                .env("APIKEY_CONFIG_DIR", dir.toString())
                .env("APIKEY_BACKEND", "file")
                .env("APIKEY_PASSPHRASE", "crash test")
                .env("APIKEY_ADMIN_GL", ADMIN);
        ok(apikey.run(null, "provider", "add", "gl", "--type", "gitlab", "--base-url", fake.baseUrl(),
                "--param", "user=42"));
        ok(apikey.run(null, "create", "gl/deploy", "--scope", "api", "--expires", "90d"));
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void killedWhileGitLabHoldsTheRotatedTokenThenResumed() throws Exception {
        FakeApi.Key first = fake.keys.values().iterator().next();
        String family = first.extra.get("family");
        FakeApi.Hold hold = fake.holdAfterActing("POST", "/rotate");
        hold.killWhenHeld(apikey.builder("rotate", "gl/deploy").start());
        assertThat(fake.revoked).as("GitLab rotated the token before the kill").containsKey(first.id);

        JarProcess.Result resumed = apikey.run(null, "rotate", "--resume", "--json");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(Json.mapper().readTree(resumed.out()).get(0).get("result").asText()).isEqualTo("completed");

        List<FakeApi.Key> live = fake.liveFamily(family);
        assertThat(fake.familyRevocations).as("no family revocation").isZero();
        assertThat(live).as("exactly one live token in the family").hasSize(1);
        JarProcess.Result get = apikey.run(null, "get", "gl/deploy");
        ok(get);
        assertThat(get.out().strip()).as("and it is the stored one").isEqualTo(live.get(0).secret);
        assertThat(fake.requests("POST").stream().map(r -> r.getUrl().encodedPath()))
                .as("the revoked token was rotated once, by the killed process, never again")
                .containsOnlyOnce("/api/v4/personal_access_tokens/" + first.id + "/rotate");
    }

    private static void ok(JarProcess.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
    }
}
