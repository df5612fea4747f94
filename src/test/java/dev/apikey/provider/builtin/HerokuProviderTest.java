package dev.apikey.provider.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.provider.ProviderContract;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.FakeApi;
import dev.apikey.testing.fakes.HerokuFake;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class HerokuProviderTest extends ProviderContract<HerokuFake> {
    private static final String TOKEN = "HRKU-management-0123456789abcdef0123456789abcdef";

    @Override
    protected HerokuFake newFake() {
        return new HerokuFake(TOKEN);
    }

    @Override
    protected String type() {
        return "heroku";
    }

    @Override
    protected String credential() {
        return TOKEN;
    }

    @Test
    void lifecycle() throws Exception {
        fake.seed(2345);
        Result created = create("deploy", "--scope", "write-protected", "--expires", "30d");
        assertThat(created.exit()).as(created.toString()).isZero();
        FakeApi.Key key = key("deploy");
        String firstSecret = key.secret;
        assertThat(cli.keychain().item("apikey", PROVIDER + "/deploy")).isEqualTo(firstSecret);
        RecordedRequest post = fake.requests("POST").get(0);
        assertThat(post.getHeaders().get("Accept")).isEqualTo("application/vnd.heroku+json; version=3");
        JsonNode body = Json.mapper().readTree(FakeApi.withoutMarker(post.getBody().string(StandardCharsets.UTF_8)));
        assertThat(body.toString()).isEqualTo("{\"description\":\"deploy\",\"scope\":[\"write-protected\"],\"expires_in\":2592000}");
        assertNoSecretIn(created);

        Result listed = cli.run("list", PROVIDER, "--remote", "--json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        assertThat(Json.mapper().readTree(listed.out())).hasSize(2346);
        List<RecordedRequest> pages = fake.requests("GET");
        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).getHeaders().get("Range")).isEqualTo("id ..; max=1000");
        assertThat(pages.get(1).getHeaders().get("Range")).startsWith("id ]").endsWith("..; max=1000");
        assertThat(pages).extracting(r -> r.getUrl().encodedPath()).containsOnly("/oauth/authorizations");

        // Heroku regenerates the token in place: same authorization, new secret; the old one is dead at once.
        Result rotated = cli.run("rotate", PROVIDER + "/deploy");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        assertThat(fake.requests("POST").get(1).getUrl().encodedPath())
                .isEqualTo("/oauth/authorizations/" + key.id + "/actions/regenerate-tokens");
        assertThat(key.secret).isNotEqualTo(firstSecret);
        assertThat(cli.keychain().item("apikey", PROVIDER + "/deploy")).isEqualTo(key.secret);
        assertThat(cli.run("rotate", PROVIDER + "/deploy", "--grace", "1h").exit()).isEqualTo(2);

        Result used = cli.run("request", PROVIDER + "/deploy", "/account");
        assertThat(used.exit()).as(used.toString()).isZero();
        RecordedRequest account = requests("GET", "/account").get(0);
        assertThat(account.getHeaders().get("Authorization")).isEqualTo("Bearer " + key.secret);
        assertThat(account.getHeaders().get("Accept")).isEqualTo("application/vnd.heroku+json; version=3");

        Result revoked = cli.run("revoke", PROVIDER + "/deploy", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(fake.requests("DELETE")).extracting(r -> r.getUrl().encodedPath())
                .containsExactly("/oauth/authorizations/" + key.id);
        assertThat(fake.keys).hasSize(2345);
    }

    @Test
    void aTokenWithoutScopesIsAGlobalOne() throws Exception {
        assertThat(create("all").exit()).isZero();
        JsonNode body = Json.mapper().readTree(fake.requests("POST").get(0).getBody().string(StandardCharsets.UTF_8));
        assertThat(body.get("scope").toString()).isEqualTo("[\"global\"]");
        assertThat(body.has("expires_in")).isFalse();
    }
}
