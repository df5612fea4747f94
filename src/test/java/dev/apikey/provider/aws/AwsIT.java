package dev.apikey.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.JarProcess;
import dev.apikey.testing.fakes.AwsFake;
import java.nio.file.Path;
import java.util.Map;
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
 * The packaged apikey with aws keys, against the IAM/STS fake (signatures checked by botocore, with
 * AWS's 15-minute clock-skew window): the real AWS CLI as a consumer of {@code exec}, signed
 * {@code request}s, and kill -9 in the middle of a rotation.
 */
class AwsIT {
    @TempDir
    Path dir;
    AwsFake fake;
    JarProcess apikey;
    AwsFake.Key alice;

    @BeforeEach
    void setUp() {
        fake = new AwsFake();
        fake.configure(Map.of("maxSkewSeconds", 900));
        apikey = new JarProcess()
                .env("APIKEY_CONFIG_DIR", dir.resolve("config").toString())
                .env("APIKEY_BACKEND", "file")
                .env("APIKEY_PASSPHRASE", "aws test")
                // The AWS CLI must find nothing of the machine's own AWS setup.
                .env("HOME", dir.toString())
                .env("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString())
                .env("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        ok(apikey.run(null, "provider", "add", "aws", "--type", "aws", "--base-url", fake.baseUrl(),
                "--param", "region=us-east-1"));
        alice = fake.seed("alice");
        ok(apikey.run(alice.secret(), "import", "aws/ci", "--id", alice.id()));
    }

    @AfterEach
    void tearDown() {
        try {
            assertThat(fake.unexpected()).isEmpty();
        } finally {
            fake.close();
        }
    }

    @Test
    void theAwsCliUsesTheInjectedKey() {
        // A profile the CLI would prefer over the environment's keys, and a stale session token: both cleared.
        JarProcess.Result r = apikey.env("AWS_PROFILE", "does-not-exist").env("AWS_SESSION_TOKEN", "stale")
                .run(null, "exec", "aws/ci", "--", "/usr/bin/aws", "--endpoint-url", "http://127.0.0.1:" + fake.port(),
                        "sts", "get-caller-identity", "--output", "json");
        ok(r);
        assertThat(r.out()).contains("arn:aws:iam::123456789012:user/alice");
        assertThat(fake.calls()).contains("GetCallerIdentity by " + alice.id() + " -> 200");
    }

    @Test
    void requestSignsWithTheKeyAndNeverSendsTheSecret() {
        JarProcess.Result r = apikey.run(null, "-v", "request", "aws/ci", "http://127.0.0.1:" + fake.port() + "/",
                "-H", "Content-Type: application/x-www-form-urlencoded",
                "-d", "Action=GetCallerIdentity&Version=2011-06-15", "--aws-service", "sts");
        ok(r);
        assertThat(r.out()).contains("<Arn>arn:aws:iam::123456789012:user/alice</Arn>");
        assertThat(r.err()).contains("Authorization: ***").doesNotContain(alice.secret());
        assertThat(fake.calls()).containsExactly("GetCallerIdentity by " + alice.id() + " -> 200");
    }

    @Test
    void requestRefusesHostsOutsideTheKeysPartition() {
        for (String url : new String[] {"https://example.com/", "https://sts.cn-north-1.amazonaws.com.cn/",
            "https://amazonaws.com.evil.example/", "https://sts.us-gov-west-1.amazonaws.com/"}) {
            JarProcess.Result r = apikey.run(null, "request", "aws/ci", url, "--aws-service", "sts");
            assertThat(r.exit()).as(url + "\n" + r).isEqualTo(7);
        }
        assertThat(fake.calls()).isEmpty();
    }

    static Stream<Arguments> heldCalls() {
        return Stream.of(
                Arguments.of("CreateAccessKey", "rolled-back"),
                Arguments.of("UpdateAccessKey", "completed"),
                Arguments.of("DeleteAccessKey", "completed"));
    }

    @ParameterizedTest(name = "killed while IAM holds the answer to {0}")
    @MethodSource("heldCalls")
    void killedMidRotation(String action, String expected) throws Exception {
        fake.configure(Map.of("hold", action));
        Process rotation = apikey.builder("rotate", "aws/ci").start();
        try {
            fake.awaitHeld();
            rotation.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            assertThat(rotation.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            fake.release();
        }

        JarProcess.Result get = apikey.run(null, "get", "aws/ci");
        ok(get);
        assertThat(get.err()).contains("rotate --resume aws/ci");
        assertThat(fake.keysOf("alice")).as("the stored secret is still one IAM accepts")
                .containsEntry(idOf(get.out().strip()), "Active");
        assertThat(apikey.run(null, "rotate", "aws/ci").exit()).as("changing it waits for resume").isEqualTo(8);

        JarProcess.Result resumed = apikey.run(null, "rotate", "--resume", "--json");
        ok(resumed);
        assertThat(Json.mapper().readTree(resumed.out()).get(0).get("result").asText()).isEqualTo(expected);

        String stored = apikey.run(null, "get", "aws/ci").out().strip();
        assertThat(fake.keysOf("alice")).as("exactly one key, active, and it is the stored one")
                .isEqualTo(Map.of(idOf(stored), "Active"));
        assertThat(stored.equals(alice.secret())).isEqualTo(expected.equals("rolled-back"));
        JsonNode list = Json.mapper().readTree(apikey.run(null, "list", "--json").out());
        assertThat(list.get(0).get("id").asText()).isEqualTo(idOf(stored));
    }

    private String idOf(String secret) {
        JsonNode keys = fake.state().get("keys");
        for (var it = keys.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().get("secret").asText().equals(secret)) {
                return e.getKey();
            }
        }
        return "no key with the stored secret";
    }

    private static void ok(JarProcess.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
    }
}
