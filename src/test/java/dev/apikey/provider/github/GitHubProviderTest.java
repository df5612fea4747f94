package dev.apikey.provider.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code github} type: tokens made in GitHub's UI, imported, sent by {@code request} only to GitHub's
 * API origin (api.github.com, or a GitHub Enterprise base URL), given to {@code exec} as {@code GH_TOKEN}.
 */
class GitHubProviderTest {
    static final String TOKEN = "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz";

    @TempDir
    Path dir;
    CliRunner cli;
    MockWebServer enterprise = new MockWebServer();

    @BeforeEach
    void setUp() throws Exception {
        enterprise.start();
        cli = new CliRunner(dir);
    }

    @AfterEach
    void tearDown() {
        enterprise.close();
    }

    @Test
    void theDefaultIsApiGithubComWithGhToken() throws Exception {
        JsonNode shown = Json.mapper().readTree(cli.run("provider", "show", "github", "--json").out());
        assertThat(shown.get("type").asText()).isEqualTo("github");
        assertThat(shown.get("baseUrl").asText()).isEqualTo("https://api.github.com");
        assertThat(shown.get("envVars").get(0).asText()).isEqualTo("GH_TOKEN");
        assertThat(shown.get("boundOrigins").get(0).asText()).isEqualTo("https://api.github.com");
    }

    @Test
    void anEnterpriseTokenIsImportedUsedWithRequestAndExecAndNeverSentElsewhere() throws Exception {
        String base = "http://127.0.0.1:" + enterprise.getPort() + "/api/v3";
        assertThat(cli.run("provider", "add", "ghe", "--type", "github", "--base-url", base).exit()).isZero();
        Result imported = cli.invocation().stdin(TOKEN + "\n").run("import", "ghe/ci");
        assertThat(imported.exit()).as(imported.toString()).isZero();

        enterprise.enqueue(new MockResponse.Builder().code(200).body("{\"login\":\"octocat\"}").build());
        Result r = cli.run("request", "ghe/ci", "/user");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("octocat");
        RecordedRequest sent = enterprise.takeRequest();
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/v3/user");
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);

        Result elsewhere = cli.run("request", "ghe/ci", "https://api.github.com/user");
        assertThat(elsewhere.exit()).as(elsewhere.toString()).isEqualTo(7);

        Result exec = cli.run("exec", "ghe/ci", "--", "sh", "-c", "test \"$GH_TOKEN\" = \"$EXPECTED\"");
        assertThat(exec.exit()).as("GH_TOKEN is not set: " + exec).isEqualTo(1); // EXPECTED is unset in the child
        Result same = cli.invocation().env("EXPECTED", TOKEN).run("exec", "ghe/ci", "--", "sh", "-c",
                "test \"$GH_TOKEN\" = \"$EXPECTED\"");
        assertThat(same.exit()).as(same.toString()).isZero();
    }

    @Test
    void tokensAreMadeAndDeletedInGitHubsUi() {
        Result created = cli.run("create", "github/ci");
        assertThat(created.exit()).as(created.toString()).isEqualTo(2);
        assertThat(created.err()).contains("GitHub's API cannot create tokens").contains("apikey import github/ci");
        assertThat(cli.run("list", "--json").out()).isEqualTo("[]\n");
        assertThat(cli.invocation().stdin(TOKEN + "\n").run("import", "github/ci").exit()).isZero();
        Result revoked = cli.run("revoke", "github/ci", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isEqualTo(2);
        assertThat(cli.keychain().item("apikey", "github/ci")).as("nothing is forgotten").isEqualTo(TOKEN);
    }
}
