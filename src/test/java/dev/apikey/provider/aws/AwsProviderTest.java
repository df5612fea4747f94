package dev.apikey.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.fakes.AwsFake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The aws type against the IAM/STS fake, which recomputes every signature with botocore: the whole
 * lifecycle with and without a management credential, IAM's two keys per user, eventual consistency,
 * throttling, and AWS's errors as exit codes.
 */
class AwsProviderTest {
    private static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    @TempDir
    Path dir;
    AwsFake fake;
    CliRunner cli;
    AwsFake.Key alice;

    @BeforeEach
    void setUp() {
        fake = new AwsFake();
        cli = new CliRunner(dir);
        ok(cli.run("provider", "add", "aws", "--type", "aws", "--base-url", fake.baseUrl()));
        alice = fake.seed("alice");
        ok(cli.invocation().stdin(alice.secret()).run("import", "aws/ci", "--id", alice.id()));
    }

    @AfterEach
    void tearDown() {
        try {
            assertThat(fake.unexpected()).as("requests the fake did not understand").isEmpty();
        } finally {
            fake.close();
        }
    }

    @Test
    void rotatesItselfWithoutAManagementCredential() throws Exception {
        CliRunner.Result r = cli.run("rotate", "aws/ci", "--json");
        ok(r);
        String newId = json(cli.run("list", "--json").out()).get(0).get("id").asText();
        assertThat(newId).startsWith("AKIA").isNotEqualTo(alice.id());
        assertThat(fake.keysOf("alice")).as("exactly the new key is left").isEqualTo(Map.of(newId, "Active"));
        assertThat(cli.run("get", "aws/ci").out().strip()).isEqualTo(fake.secretOf(newId));
        // As aws-vault rotate: the old key signs the create, the new key the deactivation and delete of the old.
        assertThat(fake.calls()).containsSubsequence(
                "CreateAccessKey by " + alice.id() + " -> 200",
                "GetCallerIdentity by " + newId + " -> 200",
                "UpdateAccessKey by " + newId + " -> 200",
                "DeleteAccessKey by " + newId + " -> 200");
    }

    @Test
    void stopsBeforeCreatingWhenTheUserHasTwoKeys() {
        String second = fake.seed("alice").id(); // made outside apikey, e.g. in the console, and never used
        CliRunner.Result r = cli.run("rotate", "aws/ci");
        assertThat(r.exit()).as(r.toString()).isEqualTo(8);
        assertThat(r.err()).contains("two access keys").contains("the other is " + second + " (Active, never used)");
        assertThat(fake.calls()).noneMatch(c -> c.startsWith("CreateAccessKey"));
        assertThat(fake.keysOf("alice")).containsOnlyKeys(alice.id(), second);
        assertThat(cli.run("get", "aws/ci").out().strip()).isEqualTo(alice.secret());
    }

    @Test
    void waitsForANewKeyThatIamDoesNotKnowYet() {
        fake.configure(Map.of("refuseNewKeys", 3));
        ok(cli.run("rotate", "aws/ci"));
        assertThat(fake.keysOf("alice")).hasSize(1).doesNotContainKey(alice.id());
        assertThat(fake.calls()).filteredOn(c -> c.startsWith("GetCallerIdentity")).hasSizeGreaterThanOrEqualTo(1);
        assertThat(cli.sleeps()).as("it waited, within the ~15 s IAM needs").isNotEmpty()
                .allMatch(d -> d.compareTo(Duration.ofSeconds(5)) <= 0);
        assertThat(cli.sleeps().stream().mapToLong(Duration::toMillis).sum()).isLessThanOrEqualTo(15_000);
    }

    @Test
    void aNewKeyNeverAcceptedIsRevokedAndTheOldOneKept() {
        fake.configure(Map.of("refuseNewKeys", 1000));
        CliRunner.Result r = cli.run("rotate", "aws/ci");
        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(fake.keysOf("alice")).isEqualTo(Map.of(alice.id(), "Active"));
        assertThat(cli.run("get", "aws/ci").out().strip()).isEqualTo(alice.secret());
    }

    @Test
    void retriesThrottledCalls() throws Exception {
        fake.configure(Map.of("throttle", 2));
        CliRunner.Result r = cli.run("list", "aws", "--remote", "--json");
        ok(r);
        JsonNode key = json(r.out()).get(0);
        assertThat(key.get("id").asText()).isEqualTo(alice.id());
        assertThat(key.get("remoteStatus").asText()).isEqualTo("Active");
        assertThat(cli.sleeps()).hasSize(2);
    }

    @Test
    void throttlingThatDoesNotEndIsExitSix() {
        fake.configure(Map.of("throttle", 100));
        CliRunner.Result r = cli.run("list", "aws", "--remote");
        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(r.err()).contains("Throttling: Rate exceeded");
    }

    @Test
    void aWrongSecretIsRefusedWithAwsMessage() {
        ok(cli.run("forget", "aws/ci", "--yes"));
        ok(cli.invocation().stdin(alice.secret().substring(1) + "x").run("import", "aws/ci", "--id", alice.id()));
        CliRunner.Result r = cli.run("list", "aws", "--remote");
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("SignatureDoesNotMatch").contains("The request signature we calculated");
        assertThat(r.err()).doesNotContain(alice.secret());
    }

    @Test
    void anUnknownKeyIsExitFour() {
        ok(cli.run("forget", "aws/ci", "--yes"));
        ok(cli.invocation().stdin(alice.secret()).run("import", "aws/ci", "--id", "AKIAUNKNOWN000000000"));
        CliRunner.Result r = cli.run("list", "aws", "--remote");
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("InvalidClientTokenId");
    }

    @Test
    void listsRemoteStatusAndLastUse() throws Exception {
        ok(cli.run("list", "aws", "--remote")); // a first call uses the key
        JsonNode key = json(cli.run("list", "aws", "--remote", "--json").out()).get(0);
        assertThat(key.get("remote").asText()).isEqualTo("tracked");
        assertThat(key.get("remoteStatus").asText()).isEqualTo("Active");
        assertThat(key.get("lastUsedAt").isNull()).as(key.toString()).isFalse();
    }

    @Test
    void listTextShowsTheStatusAtAwsAndLastUse() {
        ok(cli.run("list", "aws", "--remote")); // a first call uses the key
        CliRunner.Result piped = cli.run("list", "aws", "--remote");
        ok(piped);
        assertThat(piped.out().strip()).startsWith("aws/ci\ttracked\t" + alice.id()).contains("\tActive\t");
        CliRunner.Result tty = cli.invocation().terminal(200).run("list", "aws", "--remote");
        ok(tty);
        assertThat(tty.out()).contains("AT PROVIDER").contains("LAST USED").contains("Active");
    }

    @Test
    void verboseNeverShowsTheNewSecret() {
        CliRunner.Result r = cli.run("-v", "rotate", "aws/ci");
        ok(r);
        String newId = fake.keysOf("alice").keySet().iterator().next();
        assertThat(r.err()).contains("CreateAccessKey").contains("<SecretAccessKey>***</SecretAccessKey>")
                .doesNotContain(fake.secretOf(newId)).doesNotContain(alice.secret());
    }

    @Test
    void withoutAnyCredentialItSaysHowToGetOne() {
        ok(cli.run("forget", "aws/ci", "--yes"));
        CliRunner.Result r = cli.run("create", "aws/new");
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("no management credential").contains("apikey provider login aws");
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void aNewKeyCannotBeGivenAnExpiry() {
        CliRunner.Result r = cli.run("create", "aws/temp", "--expires", "30d");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("do not expire").contains("--max-age");
        assertThat(fake.calls()).noneMatch(c -> c.startsWith("CreateAccessKey"));
    }

    @Test
    void graceKeepsTheOldKeyActiveUntilFinish() {
        ok(cli.run("rotate", "aws/ci", "--grace", "1h"));
        assertThat(fake.keysOf("alice")).hasSize(2).containsEntry(alice.id(), "Active");
        cli.clock().advance(Duration.ofHours(2));
        CliRunner.Result finish = cli.run("rotate", "--finish");
        ok(finish);
        assertThat(fake.keysOf("alice")).hasSize(1).doesNotContainKey(alice.id());
        assertThat(fake.calls()).filteredOn(c -> c.startsWith("UpdateAccessKey") || c.startsWith("DeleteAccessKey"))
                .as("deactivated first, then deleted").hasSize(2).first().asString().startsWith("UpdateAccessKey");
    }

    @Test
    void revokeDeletesTheKeyItself() {
        CliRunner.Result r = cli.run("revoke", "aws/ci", "--yes");
        ok(r);
        assertThat(fake.keysOf("alice")).isEmpty();
        assertThat(fake.calls()).contains("DeleteAccessKey by " + alice.id() + " -> 200");
    }

    @Test
    void aManagementCredentialManagesAnotherUsersKeys() throws Exception {
        AwsFake.Key admin = fake.seedAdmin("admin");
        fake.user("deploy");
        cli.env("APIKEY_ADMIN_AWS", admin.id() + ":" + admin.secret());
        ok(cli.run("create", "aws/deploy", "--param", "user=deploy"));
        assertThat(fake.keysOf("deploy")).hasSize(1);
        String first = fake.keysOf("deploy").keySet().iterator().next();
        ok(cli.run("rotate", "aws/deploy"));
        assertThat(fake.keysOf("deploy")).hasSize(1).doesNotContainKey(first);
        assertThat(fake.calls()).filteredOn(c -> c.startsWith("CreateAccessKey") || c.startsWith("DeleteAccessKey"))
                .allMatch(c -> c.contains(" by " + admin.id() + " "));
        assertThat(fake.keysOf("admin")).as("the admin's own keys untouched").hasSize(1);
    }

    @Test
    void aMalformedManagementCredentialIsAUsageError() {
        cli.env("APIKEY_ADMIN_AWS", "no-colon-here");
        CliRunner.Result r = cli.run("list", "aws", "--remote");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("ACCESS_KEY_ID:SECRET_ACCESS_KEY").doesNotContain("no-colon-here");
    }

    @Test
    void execSetsTheAccessKeyVariablesAndClearsProfiles() {
        CliRunner.Result r = cli.invocation().env("AWS_PROFILE", "prod").env("AWS_SESSION_TOKEN", "stale-token")
                .run("exec", "aws/ci", "--", "/usr/bin/env");
        ok(r);
        assertThat(r.out()).contains("AWS_ACCESS_KEY_ID=" + alice.id()).contains("AWS_SECRET_ACCESS_KEY=")
                .doesNotContain("AWS_PROFILE=").doesNotContain("AWS_SESSION_TOKEN=");
    }

    /**
     * IAM failing: server errors (retried where a call may be repeated, never a create), and answers that are not
     * IAM's XML — cut short, another document, a DTD with entities, a secret where a message should be. Each is a
     * clear exit 6 that quotes no body and no secret, and leaves no key at AWS that no store holds.
     */
    @Nested
    class Faults {
        @Test
        void aServerErrorOnAReadIsRetried() {
            fake.failNext("ListAccessKeys", 2, 503, AwsFake.error("ServiceUnavailable", "Service is unavailable."));
            CliRunner.Result r = cli.run("list", "aws", "--remote");
            ok(r);
            assertThat(r.out()).contains(alice.id());
            assertThat(cli.sleeps()).hasSize(2);
        }

        @Test
        void serverErrorsThatDoNotEndAreExitSixNamingTheFailure() {
            fake.failNext("ListAccessKeys", 5, 500, AwsFake.error("InternalFailure",
                    "The request processing has failed because of an unknown error."));
            CliRunner.Result r = cli.run("list", "aws", "--remote");
            assertThat(r.exit()).as(r.toString()).isEqualTo(6);
            assertThat(r.err()).contains("aws: cannot list access keys: AWS failed (InternalFailure: The request processing "
                    + "has failed because of an unknown error.)").contains("hint: ");
            assertThat(fake.calls()).filteredOn(c -> c.startsWith("ListAccessKeys")).hasSize(5);
        }

        @Test
        void aServerErrorWithABodyThatIsNoXmlNamesTheStatusOnly() {
            fake.failNext("ListAccessKeys", 5, 502, "<html><body>Bad gateway from proxy-7.internal</body></html");
            CliRunner.Result r = cli.run("list", "aws", "--remote");
            assertThat(r.exit()).as(r.toString()).isEqualTo(6);
            assertThat(r.err()).contains("AWS failed (HTTP 502)").doesNotContain("proxy-7").doesNotContain("<html");
        }

        @Test
        void aServerErrorOnCreateIsNotRepeatedAndTheKeyItMadeIsRevoked() {
            fake.answerNextAfterActing("CreateAccessKey", 500, AwsFake.error("InternalFailure", "unknown error"));
            CliRunner.Result r = cli.run("create", "aws/new");
            assertThat(r.exit()).as(r.toString()).isEqualTo(6);
            assertThat(r.err()).contains("InternalFailure").contains("was revoked");
            assertThat(fake.calls()).filteredOn(c -> c.startsWith("CreateAccessKey")).as("never a blind retry").hasSize(1);
            assertThat(fake.keysOf("alice")).as("no key left that no store holds").isEqualTo(Map.of(alice.id(), "Active"));
            assertThat(cli.run("get", "aws/new").exit()).isEqualTo(3);
            assertNoSecretIn(r);
        }

        @Test
        void aServerErrorBeforeCreatingIsNotRepeatedEither() {
            fake.failNext("CreateAccessKey", 1, 503, AwsFake.error("ServiceUnavailable", "Service is unavailable."));
            CliRunner.Result r = cli.run("rotate", "aws/ci");
            assertThat(r.exit()).as(r.toString()).isEqualTo(6);
            assertThat(r.err()).contains("ServiceUnavailable");
            assertThat(fake.calls()).filteredOn(c -> c.startsWith("CreateAccessKey")).hasSize(1);
            assertThat(fake.keysOf("alice")).isEqualTo(Map.of(alice.id(), "Active"));
            assertThat(cli.run("get", "aws/ci").out().strip()).isEqualTo(alice.secret());
            ok(cli.run("status", "--check"));
        }

        /** Answers to a create that made the key but cannot be read as IAM's, each carrying the new secret. */
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            // cut short, mid-secret
            "<CreateAccessKeyResponse xmlns=\"" + NS + "\"><CreateAccessKeyResult><AccessKey><UserName>alice</UserName>"
                    + "<SecretAccessKey>{newSecret}",
            // another document altogether, as a captive portal or a misrouted base URL gives
            "<html><head><title>Sign in</title></head><body>token {newSecret}</body></html>",
            // the right fields under the wrong root
            "<ListAccessKeysResponse xmlns=\"" + NS + "\"><CreateAccessKeyResult><AccessKey><UserName>alice</UserName>"
                    + "<AccessKeyId>AKIAWRONGROOT0000000</AccessKeyId><SecretAccessKey>{newSecret}</SecretAccessKey>"
                    + "</AccessKey></CreateAccessKeyResult></ListAccessKeysResponse>",
            // an external entity: must be neither fetched nor expanded
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><CreateAccessKeyResponse "
                    + "xmlns=\"" + NS + "\"><CreateAccessKeyResult><AccessKey><UserName>&x;</UserName><SecretAccessKey>"
                    + "{newSecret}</SecretAccessKey></AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>",
            // entities that expand without bound
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                    + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><CreateAccessKeyResponse xmlns=\"" + NS + "\">"
                    + "<CreateAccessKeyResult><AccessKey><UserName>&c;</UserName><SecretAccessKey>{newSecret}"
                    + "</SecretAccessKey></AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>",
        })
        void aCreateAnswerThatIsNotIamsXmlIsExitSixAndLeavesNothingBehind(String body) {
            fake.answerNextAfterActing("CreateAccessKey", 200, body);
            CliRunner.Result r = cli.run("rotate", "aws/ci");
            assertThat(r.exit()).as(r.toString()).isEqualTo(6);
            assertThat(r.err()).contains("the response is not IAM's XML").contains("was revoked")
                    .doesNotContain("<").doesNotContain("Sign in").doesNotContain("passwd").doesNotContain("aaaaaaaaaa");
            assertNoSecretIn(r);
            assertThat(fake.calls()).filteredOn(c -> c.startsWith("CreateAccessKey")).hasSize(1);
            assertThat(fake.keysOf("alice")).as("the new key revoked, the old one kept").isEqualTo(Map.of(alice.id(), "Active"));
            assertThat(cli.run("get", "aws/ci").out().strip()).isEqualTo(alice.secret());
            ok(cli.run("status", "--check"));
        }

        @Test
        void anErrorMessageCarryingASecretNeverShowsIt() {
            // A broken or hostile server puts secrets where AWS puts its message: the key that signed, and the key it
            // just made (which apikey never got to read).
            fake.answerNextAfterActing("CreateAccessKey", 500, AwsFake.error("InternalFailure",
                    "failed for {callerSecret} after making {newSecret}"));
            CliRunner.Result r = cli.run("rotate", "aws/ci");
            assertThat(r.exit()).as(r.toString()).isEqualTo(6);
            assertThat(r.err()).contains("InternalFailure");
            assertNoSecretIn(r);
            assertThat(fake.keysOf("alice")).isEqualTo(Map.of(alice.id(), "Active"));
        }

        @Test
        void aReadAnsweredWithAnEntityIsExitSixWithoutExpandingIt() {
            fake.failNext("ListAccessKeys", 1, 200, "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM "
                    + "\"file:///etc/passwd\">]><ListAccessKeysResponse xmlns=\"" + NS + "\"><ListAccessKeysResult>"
                    + "<AccessKeyMetadata><member><UserName>&x;</UserName><AccessKeyId>AKIAENTITY0000000000</AccessKeyId>"
                    + "</member></AccessKeyMetadata></ListAccessKeysResult></ListAccessKeysResponse>");
            CliRunner.Result r = cli.run("list", "aws", "--remote");
            assertThat(r.exit()).as(r.toString()).isEqualTo(6);
            assertThat(r.err()).contains("the response is not IAM's XML").doesNotContain("root:").doesNotContain("AKIAENTITY");
        }

        private void assertNoSecretIn(CliRunner.Result r) {
            for (String secret : fake.secretsMade()) {
                assertThat(r.out() + r.err()).as(r.toString()).doesNotContain(secret);
            }
        }

    }

    private static void ok(CliRunner.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    private static JsonNode json(String s) throws Exception {
        return Json.mapper().readTree(s);
    }
}
