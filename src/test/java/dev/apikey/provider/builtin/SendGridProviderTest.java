package dev.apikey.provider.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.metadata.Json;
import dev.apikey.provider.ProviderContract;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.FakeApi;
import dev.apikey.testing.fakes.SendGridFake;
import java.nio.charset.StandardCharsets;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** SendGrid lists every key in one response: there is no second page to follow. */
class SendGridProviderTest extends ProviderContract<SendGridFake> {
    private static final String ADMIN = "SG.admin.0123456789abcdefghijklmnopqrstuvwxyz";

    @Override
    protected SendGridFake newFake() {
        return new SendGridFake(ADMIN);
    }

    @Override
    protected String type() {
        return "sendgrid";
    }

    @Override
    protected String credential() {
        return ADMIN;
    }

    @Test
    void lifecycle() throws Exception {
        fake.seed(40);
        Result created = create("mailer", "--scope", "mail.send", "--scope", "alerts.read");
        assertThat(created.exit()).as(created.toString()).isZero();
        FakeApi.Key key = key("mailer");
        assertThat(cli.keychain().item("apikey", PROVIDER + "/mailer")).isEqualTo(key.secret).startsWith("SG.");
        RecordedRequest post = fake.requests("POST").get(0);
        assertThat(post.getUrl().encodedPath()).isEqualTo("/v3/api_keys");
        assertThat(post.getHeaders().get("Authorization")).isEqualTo("Bearer " + ADMIN);
        assertThat(post.getHeaders().get("on-behalf-of")).isNull();
        assertThat(Json.mapper().readTree(FakeApi.withoutMarker(post.getBody().string(StandardCharsets.UTF_8)))).isEqualTo(
                Json.mapper().readTree("{\"name\":\"mailer\",\"scopes\":[\"mail.send\",\"alerts.read\"]}"));

        Result listed = cli.run("list", PROVIDER, "--remote", "--json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        assertThat(json(listed)).hasSize(41);
        assertThat(fake.requests("GET")).hasSize(1);

        Result rotated = cli.run("rotate", PROVIDER + "/mailer");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        FakeApi.Key next = key("mailer");
        assertThat(next.scopes).containsExactly("mail.send", "alerts.read"); // scopes survive the rotation
        assertThat(fake.keys).doesNotContainKey(key.id);
        RecordedRequest verify = fake.requests("GET").get(1);
        assertThat(verify.getUrl().encodedPath()).isEqualTo("/v3/scopes");
        assertThat(verify.getHeaders().get("Authorization")).isEqualTo("Bearer " + next.secret);

        Result revoked = cli.run("revoke", PROVIDER + "/mailer", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(fake.requests("DELETE")).extracting(r -> r.getUrl().encodedPath())
                .containsExactly("/v3/api_keys/" + key.id, "/v3/api_keys/" + next.id);
        assertThat(fake.keys).hasSize(40);
        assertThat(fake.requests()).hasSize(6);
    }

    @Test
    void subuserKeysGoOnBehalfOfTheSubuser() {
        assertThat(cli.run("provider", "add", "sub", "--type", "sendgrid", "--base-url", fake.baseUrl(),
                "--param", "onBehalfOf=shop-eu").exit()).isZero();
        cli.env("APIKEY_ADMIN_SUB", ADMIN);
        Result r = cli.run("create", "sub/eu-mail", "--scope", "mail.send");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(fake.requests("POST").get(0).getHeaders().get("on-behalf-of")).isEqualTo("shop-eu");
        assertThat(key("eu-mail").extra.get("subuser")).isEqualTo("shop-eu");
    }


    @Test
    void theCapOfOneHundredKeysIsALimitNotARefusedCredential() {
        fake.seed(SendGridFake.CAP);
        Result r = create("one-too-many", "--scope", "mail.send");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("limit of 100 API keys").contains("HTTP 403")
                .contains("apikey list " + PROVIDER + " --remote").doesNotContain("credential was refused");
        assertThat(cli.keychain().item("apikey", PROVIDER + "/one-too-many")).isNull();
        assertNoSecretIn(r);
    }

    @Test
    void aForbiddenCreateOfAKeyWithoutTheScopeIsStillARefusedCredential() {
        fake.failNext("POST", fake.createPath(), 1, 403, "access forbidden");
        Result r = create("ci", "--scope", "mail.send");
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("credential was refused").contains("api_keys.create");
    }

    @Test
    void aKeyWithoutScopesIsSaidToHaveFullAccess() {
        Result r = create("everything");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("SendGrid makes the key with Full Access");
        assertThat(key("everything").extra).containsEntry("access", "full");
        Result scoped = create("mail", "--scope", "mail.send");
        assertThat(scoped.err()).doesNotContain("Full Access");
    }
}
