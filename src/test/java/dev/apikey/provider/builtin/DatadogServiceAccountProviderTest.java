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
import org.junit.jupiter.api.Test;

/** Application keys of a Datadog service account ({@code --param kind=serviceAccount}), the keys CI should use. */
class DatadogServiceAccountProviderTest extends ProviderContract<DatadogFake> {
    private static final String API_KEY = "0123456789abcdef0123456789abcdef";
    private static final String APP_KEY = "fedcba9876543210fedcba9876543210fedcba98";
    private static final String KEYS = "/api/v2/service_accounts/" + DatadogFake.SERVICE_ACCOUNT + "/application_keys";

    @Override
    protected DatadogFake newFake() {
        return DatadogFake.ofServiceAccount(API_KEY, APP_KEY);
    }

    @Override
    protected String type() {
        return "datadog";
    }

    @Override
    protected String credential() {
        return API_KEY + ":" + APP_KEY;
    }

    @Override
    protected List<String> addArgs() {
        return List.of("--param", "kind=serviceAccount", "--param", "serviceAccount=" + DatadogFake.SERVICE_ACCOUNT);
    }

    @Test
    void lifecycle() throws Exception {
        fake.seed(150);
        Result created = create("ci", "--scope", "dashboards_read");
        assertThat(created.exit()).as(created.toString()).isZero();
        FakeApi.Key key = key("ci");
        assertThat(cli.keychain().item("apikey", PROVIDER + "/ci")).isEqualTo(key.secret);
        JsonNode body = Json.mapper().readTree(FakeApi.withoutMarker(
                fake.requests("POST").get(0).getBody().string(StandardCharsets.UTF_8)));
        assertThat(fake.requests("POST").get(0).getUrl().encodedPath()).isEqualTo(KEYS);
        assertThat(body.toString()).isEqualTo(
                "{\"data\":{\"type\":\"application_keys\",\"attributes\":{\"name\":\"ci\",\"scopes\":[\"dashboards_read\"]}}}");

        Result listed = cli.run("list", PROVIDER, "--remote", "--json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        assertThat(json(listed)).hasSize(151);
        assertThat(fake.requests("GET")).extracting(r -> r.getUrl().queryParameter("page[number]")).containsExactly("0", "1");

        Result rotated = cli.run("rotate", PROVIDER + "/ci");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        FakeApi.Key next = key("ci");
        assertThat(next.scopes).containsExactly("dashboards_read");
        assertThat(fake.keys).doesNotContainKey(key.id);

        Result revoked = cli.run("revoke", PROVIDER + "/ci", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(fake.requests("DELETE")).extracting(r -> r.getUrl().encodedPath())
                .containsExactly(KEYS + "/" + key.id, KEYS + "/" + next.id);
        assertThat(fake.keys).hasSize(150);
    }
}
