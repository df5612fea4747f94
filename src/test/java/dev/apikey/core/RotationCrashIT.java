package dev.apikey.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.JarProcess;
import dev.apikey.testing.fakes.AcmeVaultFake;
import dev.apikey.testing.fakes.FakeApi;
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
 * kill -9 of a real apikey process while the provider holds each request of a rotation: afterwards
 * the stored secret still works, and after {@code rotate --resume} exactly one live key exists at the
 * provider and it is the stored one.
 */
class RotationCrashIT {
    private static final String ADMIN = "acme-admin-0123456789abcdef";
    private static final Path DEFINITION = Path.of("docs/examples/acme-vault.json").toAbsolutePath();

    @TempDir
    Path dir;
    AcmeVaultFake fake;
    JarProcess apikey;

    @BeforeEach
    void setUp() {
        fake = new AcmeVaultFake(ADMIN);
        apikey = new JarProcess()
                .env("APIKEY_CONFIG_DIR", dir.toString())
                .env("APIKEY_BACKEND", "file")
                .env("APIKEY_PASSPHRASE", "crash test")
                .env("APIKEY_ADMIN_ACME", ADMIN);
        ok(apikey.run(null, "provider", "add", "acme", "--type", "http", "--file", DEFINITION.toString(),
                "--base-url", fake.baseUrl()));
        ok(apikey.run(null, "create", "acme/bot", "--description", "crash test"));
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    static Stream<Arguments> heldRequests() {
        return Stream.of(
                Arguments.of("the create", "POST", "/api/keys", "rolled-back"),
                Arguments.of("the verify of the new key", "GET", "/api/whoami", "rolled-back"),
                Arguments.of("the revoke of the old key", "DELETE", "/api/keys/", "completed"));
    }

    @ParameterizedTest(name = "killed while the provider holds {0}")
    @MethodSource("heldRequests")
    void killedMidRotation(String what, String method, String path, String expected) throws Exception {
        String before = secret();
        FakeApi.Hold hold = fake.holdAfterActing(method, path);
        hold.killWhenHeld(apikey.builder("rotate", "acme/bot").start());

        JarProcess.Result get = apikey.run(null, "get", "acme/bot");
        assertThat(get.exit()).as(get.toString()).isZero();
        assertThat(accepted(get.out().strip())).as("the stored secret works after the crash").isTrue();
        assertThat(get.err()).contains("rotate --resume acme/bot");
        assertThat(apikey.run(null, "rotate", "acme/bot").exit()).as("changing it waits for resume").isEqualTo(8);

        JarProcess.Result resumed = apikey.run(null, "rotate", "--resume", "--json");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(Json.mapper().readTree(resumed.out()).get(0).get("result").asText()).isEqualTo(expected);

        String after = secret();
        assertThat(fake.keys).as("exactly one live key at the provider").hasSize(1);
        assertThat(accepted(after)).as("and it is the stored one").isTrue();
        assertThat(after.equals(before)).isEqualTo(expected.equals("rolled-back"));
        // Nothing left to resume (the fake dates its keys in January, so they may well be due by now).
        JsonNode findings = json(apikey.run(null, "status", "--json").out()).get("findings");
        assertThat(findings).extracting(f -> f.get("kind").asText())
                .noneMatch(k -> k.startsWith("unfinished") || k.equals("recovery-file") || k.equals("in-progress"));
    }

    @Test
    void twoProcessesRotatingOneKeyMakeOneNewKey() throws Exception {
        FakeApi.Hold hold = fake.holdAfterActing("POST", "/api/keys");
        Process first = apikey.builder("rotate", "acme/bot").start();
        JarProcess.Result second;
        try {
            hold.awaitArrival();
            second = apikey.run(null, "rotate", "acme/bot");
        } finally {
            hold.release();
        }
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isZero();
        assertThat(second.exit()).as(second.toString()).isEqualTo(8);
        assertThat(second.err()).contains("in progress");
        assertThat(fake.requests("POST")).as("the first create and one rotation").hasSize(2);
        assertThat(fake.keys).hasSize(1);
        assertThat(accepted(secret())).isTrue();
    }

    private String secret() {
        JarProcess.Result r = apikey.run(null, "get", "acme/bot");
        ok(r);
        return r.out().strip();
    }

    private boolean accepted(String secret) {
        return fake.keys.values().stream().anyMatch(k -> k.secret.equals(secret));
    }

    private static void ok(JarProcess.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    static JsonNode json(String s) throws Exception {
        return Json.mapper().readTree(s);
    }
}
