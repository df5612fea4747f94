package dev.apikey.provider.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.provider.ProviderContract;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.FakeApi;
import dev.apikey.testing.fakes.OpenAiFake;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keys people call models with: project service-account API keys ({@code --param kind=project}). */
class OpenAiProjectProviderTest extends ProviderContract<OpenAiFake> {
    private static final String ADMIN = "sk-admin-management-0123456789abcdef";
    private static final String ACCOUNTS = "/v1/organization/projects/" + OpenAiFake.PROJECT + "/service_accounts";

    @Override
    protected OpenAiFake newFake() {
        return OpenAiFake.ofProjectServiceAccounts(ADMIN);
    }

    @Override
    protected String type() {
        return "openai";
    }

    @Override
    protected String credential() {
        return ADMIN;
    }

    @Override
    protected List<String> addArgs() {
        return List.of("--param", "kind=project", "--param", "project=" + OpenAiFake.PROJECT);
    }

    @Test
    void lifecycle() throws Exception {
        fake.seed(120);
        Result created = create("chat-bot");
        assertThat(created.exit()).as(created.toString()).isZero();
        FakeApi.Key key = key("chat-bot");
        assertThat(key.id).startsWith("svc_acct_");
        assertThat(cli.keychain().item("apikey", PROVIDER + "/chat-bot")).isEqualTo(key.secret);
        assertThat(fake.requests("POST").get(0).getUrl().encodedPath()).isEqualTo(ACCOUNTS);
        assertThat(FakeApi.withoutMarker(fake.requests("POST").get(0).getBody().string(StandardCharsets.UTF_8)))
                .isEqualTo("{\"name\":\"chat-bot\"}");
        assertNoSecretIn(created);

        Result shown = cli.run("provider", "show", PROVIDER, "--json");
        assertThat(Json.mapper().readTree(shown.out()).get("envVars").toString()).isEqualTo("[\"OPENAI_API_KEY\"]");

        Result listed = cli.run("list", PROVIDER, "--remote", "--json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        JsonNode rows = json(listed);
        assertThat(rows).hasSize(121);
        assertThat(rows.get(120).get("ref").asText()).isEqualTo(PROVIDER + "/chat-bot");
        assertThat(fake.requests("GET").stream().filter(r -> r.getUrl().encodedPath().equals(ACCOUNTS))
                .map(r -> r.getUrl().queryParameter("after")).toList()).containsExactly(null, rows.get(99).get("id").asText());

        Result rotated = cli.run("rotate", PROVIDER + "/chat-bot");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        FakeApi.Key next = key("chat-bot");
        assertThat(fake.keys).doesNotContainKey(key.id);
        // The replacement was checked where it is used, the models API, with the key itself.
        List<mockwebserver3.RecordedRequest> models = requests("GET", "/v1/models");
        assertThat(models).hasSize(1);
        assertThat(models.get(0).getHeaders().get("Authorization")).isEqualTo("Bearer " + next.secret);
        assertThat(cli.keychain().item("apikey", PROVIDER + "/chat-bot")).isEqualTo(next.secret);

        Result revoked = cli.run("revoke", PROVIDER + "/chat-bot", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(fake.requests("DELETE")).extracting(r -> r.getUrl().encodedPath())
                .containsExactly(ACCOUNTS + "/" + key.id, ACCOUNTS + "/" + next.id);
        assertThat(fake.keys).hasSize(120);
    }

    @Test
    void aProjectIsNeeded() {
        assertThat(cli.run("provider", "add", "no-project", "--type", "openai", "--base-url", fake.baseUrl(),
                "--param", "kind=project").exit()).isZero();
        cli.env("APIKEY_ADMIN_NO_PROJECT", ADMIN);
        Result r = cli.run("create", "no-project/k");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("needs --param project=VALUE");
        assertThat(fake.requests()).isEmpty();
    }
}
