package dev.apikey.provider.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.provider.ProviderContract;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.FakeApi;
import dev.apikey.testing.fakes.OpenAiFake;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class OpenAiProviderTest extends ProviderContract<OpenAiFake> {
    private static final String ADMIN = "sk-admin-management-0123456789abcdef";

    @Override
    protected OpenAiFake newFake() {
        return new OpenAiFake(ADMIN);
    }

    @Override
    protected String type() {
        return "openai";
    }

    @Override
    protected String credential() {
        return ADMIN;
    }

    @Test
    void lifecycle() throws Exception {
        fake.seed(150);
        cli.env("APIKEY_ADMIN_ACCT", null);
        Result login = cli.invocation().stdin(ADMIN + "\n").run("provider", "login", PROVIDER);
        assertThat(login.exit()).as(login.toString()).isZero();

        Result created = cli.run("create", PROVIDER + "/ci-bot", "--expires", "30d", "--json");
        assertThat(created.exit()).as(created.toString()).isZero();
        FakeApi.Key key = key("ci-bot");
        assertThat(cli.keychain().item("apikey", PROVIDER + "/ci-bot")).isEqualTo(key.secret);
        assertThat(json(created).get("id").asText()).isEqualTo(key.id);
        RecordedRequest post = fake.requests("POST").get(0);
        assertThat(post.getUrl().encodedPath()).isEqualTo("/v1/organization/admin_api_keys");
        assertThat(post.getHeaders().get("Authorization")).isEqualTo("Bearer " + ADMIN);
        assertThat(post.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(post.getHeaders().get("User-Agent")).startsWith("apikey/");
        assertThat(json(post)).isEqualTo(Json("{\"name\":\"ci-bot\",\"expires_in_seconds\":2592000}"));
        assertNoSecretIn(created);

        // An admin key is not a model key: exec gives it as OPENAI_ADMIN_KEY, never as OPENAI_API_KEY.
        Result shown = cli.run("provider", "show", PROVIDER, "--json");
        assertThat(dev.apikey.metadata.Json.mapper().readTree(shown.out()).get("envVars").toString())
                .isEqualTo("[\"OPENAI_ADMIN_KEY\"]");

        Result listed = cli.run("list", PROVIDER, "--remote", "--json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        JsonNode rows = json(listed);
        assertThat(rows).hasSize(151);
        assertThat(rows.findValuesAsText("remote")).containsOnly("tracked", "untracked");
        JsonNode mine = find(rows, key.id);
        assertThat(mine.get("remote").asText()).isEqualTo("tracked");
        assertThat(mine.get("ref").asText()).isEqualTo(PROVIDER + "/ci-bot");
        List<RecordedRequest> pages = fake.requests("GET");
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).getUrl().queryParameter("limit")).isEqualTo("100");
        assertThat(pages.get(0).getUrl().queryParameter("after")).isNull();
        assertThat(pages.get(1).getUrl().queryParameter("after")).isEqualTo(find(rows, 99).get("id").asText());

        Result rotated = cli.run("rotate", PROVIDER + "/ci-bot");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        FakeApi.Key next = key("ci-bot");
        assertThat(next.id).isNotEqualTo(key.id);
        assertThat(fake.keys).doesNotContainKey(key.id);
        assertThat(cli.keychain().item("apikey", PROVIDER + "/ci-bot")).isEqualTo(next.secret);
        RecordedRequest verify = fake.requests("GET").get(2);
        assertThat(verify.getHeaders().get("Authorization")).isEqualTo("Bearer " + next.secret);
        assertThat(fake.requests("DELETE").get(0).getUrl().encodedPath())
                .isEqualTo("/v1/organization/admin_api_keys/" + key.id);

        Result revoked = cli.run("revoke", PROVIDER + "/ci-bot", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(fake.keys).doesNotContainKey(next.id).hasSize(150);
        assertThat(cli.keychain().item("apikey", PROVIDER + "/ci-bot")).isNull();
        assertThat(fake.requests().stream().map(r -> r.getMethod() + " " + r.getUrl().encodedPath()).toList()).containsExactly(
                "POST /v1/organization/admin_api_keys",
                "GET /v1/organization/admin_api_keys",
                "GET /v1/organization/admin_api_keys",
                "POST /v1/organization/admin_api_keys",
                "GET /v1/organization/admin_api_keys",
                "DELETE /v1/organization/admin_api_keys/" + key.id,
                "DELETE /v1/organization/admin_api_keys/" + next.id);
    }

    @Test
    void callsGoThroughTheProxyOfTheEnvironment() {
        // Nothing listens on port 9 of localhost: the call can only succeed through the proxy (the fake).
        assertThat(cli.run("provider", "add", "proxied", "--type", "openai", "--base-url", "http://localhost:9/v1").exit()).isZero();
        cli.env("APIKEY_ADMIN_PROXIED", ADMIN).env("HTTP_PROXY", fake.baseUrl().replace("/v1", ""));
        Result r = cli.run("create", "proxied/via-proxy");
        assertThat(r.exit()).as(r.toString()).isZero();
        RecordedRequest post = fake.requests("POST").get(0);
        assertThat(post.getTarget()).isEqualTo("http://localhost:9/v1/organization/admin_api_keys");

        cli.env("NO_PROXY", "localhost");
        Result direct = cli.run("list", "proxied", "--remote");
        assertThat(direct.exit()).as(direct.toString()).isEqualTo(6);
        assertThat(direct.err()).contains("cannot connect to localhost");
    }

    private static JsonNode find(JsonNode rows, String id) {
        for (JsonNode r : rows) {
            if (id.equals(r.path("id").asText())) {
                return r;
            }
        }
        throw new AssertionError("no row with id " + id);
    }

    private static JsonNode find(JsonNode rows, int index) {
        return rows.get(index);
    }

    private static JsonNode json(RecordedRequest r) throws Exception {
        return dev.apikey.metadata.Json.mapper().readTree(FakeApi.withoutMarker(r.getBody().string(StandardCharsets.UTF_8)));
    }

    private static JsonNode Json(String text) throws Exception {
        return dev.apikey.metadata.Json.mapper().readTree(text);
    }
}
