package dev.apikey.provider.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.provider.ProviderContract;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.DatadogFake;
import dev.apikey.testing.fakes.FakeApi;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class DatadogProviderTest extends ProviderContract<DatadogFake> {
    private static final String API_KEY = "0123456789abcdef0123456789abcdef";
    private static final String APP_KEY = "fedcba9876543210fedcba9876543210fedcba98";

    @Override
    protected DatadogFake newFake() {
        return new DatadogFake(API_KEY, APP_KEY);
    }

    @Override
    protected String type() {
        return "datadog";
    }

    @Override
    protected String credential() {
        return API_KEY + ":" + APP_KEY;
    }

    @Test
    void apiKeyLifecycle() throws Exception {
        fake.seed(205);
        Result created = create("metrics");
        assertThat(created.exit()).as(created.toString()).isZero();
        FakeApi.Key key = key("metrics");
        assertThat(cli.keychain().item("apikey", PROVIDER + "/metrics")).isEqualTo(key.secret);
        RecordedRequest post = fake.requests("POST").get(0);
        assertThat(post.getUrl().encodedPath()).isEqualTo("/api/v2/api_keys");
        assertThat(post.getHeaders().get("DD-API-KEY")).isEqualTo(API_KEY);
        assertThat(post.getHeaders().get("DD-APPLICATION-KEY")).isEqualTo(APP_KEY);
        assertThat(Json.mapper().readTree(FakeApi.withoutMarker(post.getBody().string(StandardCharsets.UTF_8)))).isEqualTo(
                Json.mapper().readTree("{\"data\":{\"type\":\"api_keys\",\"attributes\":{\"name\":\"metrics\"}}}"));

        Result listed = cli.run("list", PROVIDER, "--remote", "--json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        JsonNode rows = json(listed);
        assertThat(rows).hasSize(206);
        assertThat(rows.get(0).get("hint").asText()).matches("…[0-9A-Za-z]{4}");
        assertThat(fake.requests("GET")).extracting(r -> r.getUrl().queryParameter("page[number]")).containsExactly("0", "1", "2");
        assertThat(fake.requests("GET")).extracting(r -> r.getUrl().queryParameter("page[size]")).containsOnly("100");

        Result rotated = cli.run("rotate", PROVIDER + "/metrics");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        FakeApi.Key next = key("metrics");
        assertThat(fake.keys).doesNotContainKey(key.id);
        assertThat(cli.keychain().item("apikey", PROVIDER + "/metrics")).isEqualTo(next.secret);
        RecordedRequest validate = fake.requests("GET").get(3);
        assertThat(validate.getUrl().encodedPath()).isEqualTo("/api/v1/validate");
        assertThat(validate.getHeaders().get("DD-API-KEY")).isEqualTo(next.secret);

        Result revoked = cli.run("revoke", PROVIDER + "/metrics", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(fake.requests("DELETE")).extracting(r -> r.getUrl().encodedPath())
                .containsExactly("/api/v2/api_keys/" + key.id, "/api/v2/api_keys/" + next.id);
        assertThat(fake.keys).hasSize(205);
        // create, 3 pages, create, validate, delete old, delete
        assertThat(fake.requests()).hasSize(8);
    }

    @Test
    void applicationKeys() throws Exception {
        assertThat(cli.run("provider", "add", "ddapp", "--type", "datadog", "--base-url", fake.baseUrl(),
                "--param", "kind=application").exit()).isZero();
        cli.env("APIKEY_ADMIN_DDAPP", credential());
        Result created = cli.run("create", "ddapp/dash", "--scope", "dashboards_read");
        assertThat(created.exit()).as(created.toString()).isZero();
        RecordedRequest post = fake.requests("POST").get(0);
        assertThat(post.getUrl().encodedPath()).isEqualTo("/api/v2/current_user/application_keys");
        assertThat(Json.mapper().readTree(FakeApi.withoutMarker(post.getBody().string(StandardCharsets.UTF_8))).at("/data/attributes/scopes").toString())
                .isEqualTo("[\"dashboards_read\"]");
        Result shown = cli.run("provider", "show", "ddapp", "--json");
        assertThat(Json.mapper().readTree(shown.out()).get("envVars").toString()).isEqualTo("[\"DD_APP_KEY\"]");
        assertThat(cli.run("revoke", "ddapp/dash", "--yes").exit()).isZero();
        assertThat(fake.requests("DELETE").get(0).getUrl().encodedPath()).startsWith("/api/v2/current_user/application_keys/");
    }

    @Test
    void aCredentialWithoutBothKeysIsAUsageError() {
        cli.env("APIKEY_ADMIN_ACCT", API_KEY);
        Result r = create("half");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("<apiKey>:<applicationKey>").doesNotContain(API_KEY);
        assertThat(fake.requests()).isEmpty();
    }


    @Test
    void anApplicationKeyIsAlwaysUsedWithItsApiKey() throws Exception {
        assertThat(create("api-key").exit()).isZero();
        FakeApi.Key api = key("api-key");
        assertThat(cli.run("provider", "add", "ddapp", "--type", "datadog", "--base-url", fake.baseUrl(),
                "--param", "kind=application", "--param", "apiKey=" + PROVIDER + "/api-key").exit()).isZero();
        cli.env("APIKEY_ADMIN_DDAPP", credential());
        assertThat(cli.run("create", "ddapp/dash", "--scope", "dashboards_read").exit()).isZero();
        FakeApi.Key app = key("dash");

        Result r = cli.run("request", "ddapp/dash", DatadogFake.DASHBOARDS);
        assertThat(r.exit()).as(r.toString()).isZero();
        RecordedRequest sent = requests("GET", DatadogFake.DASHBOARDS).get(0);
        assertThat(sent.getHeaders().get("DD-APPLICATION-KEY")).isEqualTo(app.secret);
        assertThat(sent.getHeaders().get("DD-API-KEY")).isEqualTo(api.secret);
        assertNoSecretIn(r);

        Result exec = cli.run("exec", "ddapp/dash", "--", "sh", "-c",
                "[ \"$DD_APP_KEY\" = " + app.secret + " ] && [ \"$DD_API_KEY\" = " + api.secret + " ] && echo both; echo \"$DD_API_KEY\"");
        assertThat(exec.exit()).as(exec.toString()).isZero();
        // Both secrets are masked in the child's output.
        assertThat(exec.out()).isEqualTo("both\n***\n");
        // With the API key named too, the two agree on DD_API_KEY.
        Result both = cli.run("exec", PROVIDER + "/api-key", "ddapp/dash", "--", "sh", "-c", "[ \"$DD_API_KEY\" = " + api.secret + " ] && echo ok");
        assertThat(both.exit()).as(both.toString()).isZero();
    }

    @Test
    void anApplicationKeyWithoutItsApiKeyIsRefusedByDatadog() {
        assertThat(cli.run("provider", "add", "ddapp", "--type", "datadog", "--base-url", fake.baseUrl(),
                "--param", "kind=application").exit()).isZero();
        cli.env("APIKEY_ADMIN_DDAPP", credential());
        assertThat(cli.run("create", "ddapp/dash").exit()).isZero();
        Result r = cli.run("request", "ddapp/dash", DatadogFake.DASHBOARDS);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(requests("GET", DatadogFake.DASHBOARDS).get(0).getHeaders().get("DD-API-KEY")).isNull();
    }

    @Test
    void rateLimitsAreWaitedOutByDatadogsResetHeader() {
        fake.seed(3);
        fake.rateLimitNext("GET", fake.listPath(), 1, 7);
        Result r = cli.run("list", PROVIDER, "--remote", "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(cli.sleeps()).containsExactly(java.time.Duration.ofSeconds(7));
        assertThat(requests("GET", fake.listPath())).hasSize(2);
    }
}
