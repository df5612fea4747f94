package dev.apikey.provider.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.provider.ProviderContract;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.FakeApi;
import dev.apikey.testing.fakes.LinodeFake;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class LinodeProviderTest extends ProviderContract<LinodeFake> {
    private static final String TOKEN = "linode-management-token-0123456789abcdef0123456789abcdef";

    @Override
    protected LinodeFake newFake() {
        return new LinodeFake(TOKEN);
    }

    @Override
    protected String type() {
        return "linode";
    }

    @Override
    protected String credential() {
        return TOKEN;
    }

    @Test
    void lifecycle() throws Exception {
        fake.seed(520);
        Result created = create("deploy", "--scope", "linodes:read_write", "--scope", "domains:read_only", "--expires", "90d");
        assertThat(created.exit()).as(created.toString()).isZero();
        FakeApi.Key key = key("deploy");
        assertThat(cli.keychain().item("apikey", PROVIDER + "/deploy")).isEqualTo(key.secret);
        RecordedRequest post = fake.requests("POST").get(0);
        assertThat(post.getUrl().encodedPath()).isEqualTo("/v4/profile/tokens");
        JsonNode body = Json.mapper().readTree(FakeApi.withoutMarker(post.getBody().string(StandardCharsets.UTF_8)));
        // Linode's scopes are one string, separated by spaces; the expiry a date-time with its zone.
        assertThat(body.get("scopes").asText()).isEqualTo("linodes:read_write domains:read_only");
        assertThat(body.get("label").asText()).isEqualTo("deploy");
        assertThat(Instant.parse(body.get("expiry").asText())).isEqualTo(key.expiresAt);
        assertNoSecretIn(created);

        Result listed = cli.run("list", PROVIDER, "--remote", "--json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        JsonNode rows = json(listed);
        assertThat(rows).hasSize(521);
        assertThat(fake.requests("GET")).extracting(r -> r.getUrl().queryParameter("page")).containsExactly("1", "2");
        assertThat(fake.requests("GET").get(0).getUrl().queryParameter("page_size")).isEqualTo("500");
        JsonNode mine = rows.get(520);
        assertThat(mine.get("ref").asText()).isEqualTo(PROVIDER + "/deploy");
        assertThat(Instant.parse(mine.get("expiresAt").asText())).isEqualTo(key.expiresAt);
        // The list shows a token's first 16 characters: apikey never takes them for a hint.
        assertThat(listed.out()).doesNotContain(key.secret.substring(0, 16));

        Result rotated = cli.run("rotate", PROVIDER + "/deploy");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        FakeApi.Key next = key("deploy");
        assertThat(next.id).isNotEqualTo(key.id);
        assertThat(fake.keys).doesNotContainKey(key.id);
        assertThat(next.scopes).containsExactly("linodes:read_write domains:read_only");
        assertThat(next.expiresAt).isEqualTo(next.createdAt.plusSeconds(90L * 86400));

        Result revoked = cli.run("revoke", PROVIDER + "/deploy", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(fake.requests("DELETE")).extracting(r -> r.getUrl().encodedPath())
                .containsExactly("/v4/profile/tokens/" + key.id, "/v4/profile/tokens/" + next.id);
        assertThat(fake.keys).hasSize(520);
    }

    @Test
    void aTokenOfTheActingTokensScopesIsMadeWithoutScopes() throws Exception {
        Result created = create("all");
        assertThat(created.exit()).as(created.toString()).isZero();
        JsonNode body = Json.mapper().readTree(fake.requests("POST").get(0).getBody().string(StandardCharsets.UTF_8));
        assertThat(body.has("scopes")).isFalse();
        assertThat(body.has("expiry")).isFalse();
    }
}
