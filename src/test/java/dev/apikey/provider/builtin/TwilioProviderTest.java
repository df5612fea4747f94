package dev.apikey.provider.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.provider.ProviderContract;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.FakeApi;
import dev.apikey.testing.fakes.TwilioFake;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class TwilioProviderTest extends ProviderContract<TwilioFake> {
    private static final String TOKEN = "auth-token-0123456789abcdef0123";

    @Override
    protected TwilioFake newFake() {
        return new TwilioFake(TOKEN);
    }

    @Override
    protected String type() {
        return "twilio";
    }

    @Override
    protected String credential() {
        return TwilioFake.ACCOUNT + ":" + TOKEN;
    }

    @Test
    void lifecycle() throws Exception {
        fake.seed(130);
        Result created = create("sms", "--param", "keyType=restricted", "--param",
                "policy={\"allow\":[\"/twilio/messaging/messages/read\"]}");
        assertThat(created.exit()).as(created.toString()).isZero();
        FakeApi.Key key = key("sms");
        assertThat(cli.keychain().item("apikey", PROVIDER + "/sms")).isEqualTo(key.secret);
        RecordedRequest post = fake.requests("POST").get(0);
        assertThat(post.getUrl().encodedPath()).isEqualTo("/v1/Keys");
        assertThat(post.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(FakeApi.withoutMarker(post.getBody().string(StandardCharsets.UTF_8))).isEqualTo("AccountSid=" + TwilioFake.ACCOUNT
                + "&FriendlyName=sms&KeyType=restricted&Policy=%7B%22allow%22%3A%5B%22%2Ftwilio%2Fmessaging%2Fmessages%2Fread%22%5D%7D");
        assertThat(post.getHeaders().get("Authorization")).startsWith("Basic ");

        Result listed = cli.run("list", PROVIDER, "--remote", "--json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        JsonNode rows = json(listed);
        assertThat(rows).hasSize(131);
        assertThat(rows.get(0).get("createdAt").asText()).endsWith("Z");
        List<RecordedRequest> pages = fake.requests("GET");
        assertThat(pages).extracting(r -> r.getUrl().queryParameter("Page")).containsExactly(null, "1");
        assertThat(pages.get(1).getUrl().queryParameter("PageToken")).isEqualTo("PA0");

        Result shown = cli.run("provider", "show", PROVIDER, "--json");
        // Without --param accountSid, each key gives its own account: the variable is filled in where it is used.
        assertThat(Json.mapper().readTree(shown.out()).get("envVars").toString())
                .isEqualTo("[\"TWILIO_ACCOUNT_SID\",\"TWILIO_API_KEY\",\"TWILIO_API_SECRET\"]");

        Result rotated = cli.run("rotate", PROVIDER + "/sms");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        FakeApi.Key next = key("sms");
        assertThat(fake.keys).doesNotContainKey(key.id);
        // The replacement is made with the same create fields.
        assertThat(fake.requests("POST").get(1).getBody().string(StandardCharsets.UTF_8)).contains("KeyType=restricted");

        Result revoked = cli.run("revoke", PROVIDER + "/sms", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(fake.requests("DELETE")).extracting(r -> r.getUrl().encodedPath())
                .containsExactly("/v1/Keys/" + key.id, "/v1/Keys/" + next.id);
        assertThat(fake.keys).hasSize(130);
        assertThat(fake.requests()).hasSize(6);
    }

    @Test
    void execSetsTheAccountSidOfTheAccountTheManagementCredentialNamed() throws Exception {
        // The provider has no --param accountSid: the key was made in the account of ACCOUNT_SID:AUTH_TOKEN.
        assertThat(create("sms").exit()).isZero();
        FakeApi.Key key = key("sms");
        Result exec = cli.run("exec", PROVIDER + "/sms", "--", "sh", "-c",
                "[ \"$TWILIO_ACCOUNT_SID\" = " + TwilioFake.ACCOUNT + " ] && [ \"$TWILIO_API_KEY\" = " + key.id
                        + " ] && [ \"$TWILIO_API_SECRET\" = " + key.secret + " ] && echo all-set");
        assertThat(exec.exit()).as(exec.toString()).isZero();
        assertThat(exec.out()).contains("all-set");
        // A rotation keeps it: the replacement is made in the same account.
        assertThat(cli.run("rotate", PROVIDER + "/sms").exit()).isZero();
        assertThat(fake.requests("POST").get(1).getBody().string(StandardCharsets.UTF_8))
                .startsWith("AccountSid=" + TwilioFake.ACCOUNT + "&");
        Result again = cli.run("exec", PROVIDER + "/sms", "--", "sh", "-c", "echo \"sid=$TWILIO_ACCOUNT_SID\"");
        assertThat(again.out()).contains("sid=" + TwilioFake.ACCOUNT);
        // The auth token, the credential's secret part, is kept nowhere.
        assertThat(java.nio.file.Files.readString(dir.resolve("keys.json"))).contains(TwilioFake.ACCOUNT).doesNotContain(TOKEN);
    }

    /**
     * The account SID the provider says a new key keeps is journaled with the key: a create that
     * {@code rotate --resume} finishes (the process killed after storing the secret, or the store refusing
     * it into a recovery file) records it as an uninterrupted create does.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"killed after storing", "store refused"})
    void aCreateFinishedByResumeKeepsTheAccountSid(String interruption) throws Exception {
        if (interruption.equals("killed after storing")) {
            cli.keychain().crashWriting(PROVIDER + "/sms", dev.apikey.testing.Crash.When.AFTER);
        } else {
            cli.keychain().fault(dev.apikey.testing.FakeKeychain.Fault.REFUSES_SECRETS);
        }
        Result interrupted = create("sms");
        assertThat(interrupted.exit()).as(interrupted.toString()).isNotZero();
        cli.keychain().fault(dev.apikey.testing.FakeKeychain.Fault.NONE);

        Result resumed = cli.run("rotate", "--resume", PROVIDER + "/sms");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        Result exec = cli.run("exec", PROVIDER + "/sms", "--", "sh", "-c", "echo \"sid=${TWILIO_ACCOUNT_SID-unset}\"");
        assertThat(exec.exit()).as(exec.toString()).isZero();
        assertThat(exec.out()).contains("sid=" + TwilioFake.ACCOUNT);
        assertThat(java.nio.file.Files.readString(dir.resolve("keys.json"))).doesNotContain(TOKEN);
    }

    @Test
    void anImportedKeyWithoutAKnownAccountGetsNoAccountSid() {
        Result imported = cli.invocation().stdin("secret-of-sk\n").run("import", PROVIDER + "/old", "--id", "SK00");
        assertThat(imported.exit()).as(imported.toString()).isZero();
        Result exec = cli.run("exec", PROVIDER + "/old", "--", "sh", "-c", "echo \"sid=${TWILIO_ACCOUNT_SID-unset} key=$TWILIO_API_KEY\"");
        assertThat(exec.exit()).as(exec.toString()).isZero();
        assertThat(exec.out()).contains("sid=unset key=SK00");
    }

    @Test
    void anAccountSidCanBeGivenWhenTheCredentialIsAnApiKey() {
        assertThat(cli.run("provider", "add", "tw2", "--type", "twilio", "--base-url", fake.baseUrl(),
                "--param", "accountSid=" + TwilioFake.ACCOUNT).exit()).isZero();
        // The fake only knows the account credential, but the body must carry the SID given, not the user name.
        cli.env("APIKEY_ADMIN_TW2", TwilioFake.ACCOUNT + ":" + TOKEN);
        Result r = cli.run("create", "tw2/k");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(fake.requests("POST").get(0).getBody().string(StandardCharsets.UTF_8))
                .startsWith("AccountSid=" + TwilioFake.ACCOUNT + "&");
    }


    @Test
    void keysAreManagedAtIamButUsedAtTheRestApi() throws Exception {
        String api = "http://127.0.0.1:" + fake.api().getPort();
        assertThat(cli.run("provider", "add", "tw", "--type", "twilio", "--base-url", fake.baseUrl(),
                "--param", "accountSid=" + TwilioFake.ACCOUNT, "--param", "apiBaseUrl=" + api).exit()).isZero();
        cli.env("APIKEY_ADMIN_TW", TwilioFake.ACCOUNT + ":" + TOKEN);
        assertThat(cli.run("create", "tw/sms").exit()).isZero();
        FakeApi.Key key = fake.keys.values().iterator().next();

        Result r = cli.run("request", "tw/sms", "/2010-04-01/Accounts/" + TwilioFake.ACCOUNT + ".json");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\"status\":\"active\"");
        RecordedRequest used = fake.api().takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(used.getHeaders().get("Authorization")).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString((key.id + ":" + key.secret).getBytes(StandardCharsets.UTF_8)));
        // The management host saw only the create: the key's request did not go there.
        assertThat(fake.requests()).hasSize(1);

        Result shown = cli.run("provider", "show", "tw", "--json");
        JsonNode show = Json.mapper().readTree(shown.out());
        assertThat(show.get("envVars").toString())
                .isEqualTo("[\"TWILIO_ACCOUNT_SID\",\"TWILIO_API_KEY\",\"TWILIO_API_SECRET\"]");
        assertThat(show.get("boundOrigins").toString()).isEqualTo("[\"" + api + "\"]");

        Result exec = cli.run("exec", "tw/sms", "--", "sh", "-c",
                "[ \"$TWILIO_ACCOUNT_SID\" = " + TwilioFake.ACCOUNT + " ] && [ \"$TWILIO_API_KEY\" = " + key.id
                        + " ] && [ \"$TWILIO_API_SECRET\" = " + key.secret + " ] && echo all-set");
        assertThat(exec.exit()).as(exec.toString()).isZero();
        assertThat(exec.out()).contains("all-set");

        // A full URL at the management host is not where the key goes.
        Result wrongHost = cli.run("request", "tw/sms", fake.baseUrl() + "/v1/Keys");
        assertThat(wrongHost.exit()).as(wrongHost.toString()).isEqualTo(7);
    }
}
