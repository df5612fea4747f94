package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.GitHubSecretsFake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text from a file, a provider or another program — settings in providers.json, a target's destination,
 * a remote API's error message — is shown with its control characters escaped by {@code status},
 * {@code provider show}, {@code target} and {@code sync} (SPEC §4): a newline can neither split a line
 * nor ESC [2J clear the screen. JSON escapes itself, so there it stays the text it is, in valid JSON.
 */
class ForeignTextEscapingTest {
    private static final String HOSTILE = "\n\u001b[2J";
    private static final String SHOWN = "\\n\\x1b[2J";
    private static final String GITHUB_TOKEN = "ghp_admin0123456789abcdefABCDEF0123";

    @TempDir
    Path dir;

    private static Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    /** No control character but the line ends reached the terminal, and there were as many lines as expected. */
    private static void shownEscaped(String text, int lines) {
        assertThat(text).doesNotContain("\u001b").doesNotContain("\r");
        assertThat(text.lines().toList()).as(text).hasSize(lines);
        assertThat(text).contains(SHOWN);
    }

    @Test
    void providerShowEscapesSettingsReadFromProvidersJson() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("config"));
        ok(cli.run("provider", "add", "svc", "--type", "local", "--base-url", "https://api.mine.dev",
                "--param", "region=eu" + HOSTILE));
        Path file = cli.configDir().resolve("providers.json");
        JsonNode doc = Json.mapper().readTree(file.toFile());
        for (JsonNode p : doc.get("providers")) {
            if (p.get("name").asText().equals("svc")) {
                ((ObjectNode) p).put("header", "X-Key" + HOSTILE).put("scheme", "Token" + HOSTILE + " {secret}")
                        .put("envVar", "SVC" + HOSTILE);
            }
        }
        Files.write(file, Json.mapper().writeValueAsBytes(doc));

        Result shown = ok(cli.run("provider", "show", "svc"));
        shownEscaped(shown.out(), 8);
        assertThat(shown.out()).contains("header:      X-Key" + SHOWN + ": Token" + SHOWN + " {secret}")
                .contains("exec sets:   SVC" + SHOWN).contains("param:       region=eu" + SHOWN);

        JsonNode json = Json.mapper().readTree(ok(cli.run("provider", "show", "svc", "--json")).out());
        assertThat(json.get("header").asText()).isEqualTo("X-Key" + HOSTILE);
        assertThat(json.get("params").get("region").asText()).isEqualTo("eu" + HOSTILE);
    }

    @Test
    void aTargetsDestinationIsShownEscapedByTargetSyncAndStatus() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("config"));
        ok(cli.run("create", "local/my-svc"));
        Path env = dir.resolve("ev" + HOSTILE + "il.env");
        String destination = "dotenv:" + env;

        Result added = ok(cli.run("target", "add", "local/my-svc", destination));
        shownEscaped(added.err(), 1);
        Result listed = ok(cli.run("target", "list"));
        shownEscaped(listed.out(), 1);
        Result status = ok(cli.run("status"));
        assertThat(status.out()).doesNotContain("\u001b").contains("dotenv:" + dir.resolve("ev") + SHOWN + "il.env");
        assertThat(status.out().lines().filter(l -> l.contains("stale-target")).toList()).singleElement()
                .satisfies(l -> assertThat(l).contains("was never written"));

        JsonNode statusJson = Json.mapper().readTree(ok(cli.run("status", "--json")).out());
        assertThat(statusJson.get("findings").findValuesAsText("detail")).anyMatch(d -> d.contains(destination));
        assertThat(Json.mapper().readTree(ok(cli.run("target", "list", "--json")).out()).get(0).get("destination")
                .asText()).isEqualTo(destination);

        Result synced = ok(cli.run("sync"));
        shownEscaped(synced.err(), 1);
        assertThat(Files.readString(env)).startsWith("MY_SVC_API_KEY=");
        assertThat(Json.mapper().readTree(ok(cli.run("sync", "--json")).out()).get(0).get("destination").asText())
                .isEqualTo(destination);
    }

    @Test
    void aRemoteErrorMessageIsShownEscapedBySyncStatusAndTargetList() throws Exception {
        try (GitHubSecretsFake github = new GitHubSecretsFake(GITHUB_TOKEN)) {
            github.addScope("octo/app");
            CliRunner cli = new CliRunner(dir.resolve("config")).env("APIKEY_ADMIN_GITHUB", GITHUB_TOKEN);
            ok(cli.run("provider", "add", "github", "--type", "github", "--base-url", github.url()));
            ok(cli.run("create", "local/my-svc"));
            ok(cli.run("target", "add", "local/my-svc", "github:octo/app"));
            github.failNext("PUT", "/repos/octo/app/", Integer.MAX_VALUE, 403,
                    "{\"message\":\"Resource not accessible\\n\\u001b[2Jby integration\","
                            + "\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"403\"}");

            Result synced = cli.run("sync");
            assertThat(synced.exit()).as(synced.toString()).isEqualTo(4);
            assertThat(synced.err()).doesNotContain("\u001b").contains("Resource not accessible" + SHOWN + "by integration");
            assertThat(synced.err().lines().filter(l -> l.contains("Resource not accessible")).toList()).hasSize(1);

            Result status = ok(cli.run("status"));
            assertThat(status.out()).doesNotContain("\u001b").contains("could not be written")
                    .contains("Resource not accessible" + SHOWN + "by integration");
            List<String> stale = status.out().lines().filter(l -> l.contains("stale-target")).toList();
            assertThat(stale).singleElement().satisfies(l -> assertThat(l).contains("by integration"));

            JsonNode targets = Json.mapper().readTree(ok(cli.run("target", "list", "--json")).out());
            assertThat(targets.get(0).get("lastWrite").get("error").asText()).contains("accessible" + HOSTILE + "by");
            JsonNode statusJson = Json.mapper().readTree(ok(cli.run("status", "--json")).out());
            assertThat(statusJson.get("findings").findValuesAsText("detail"))
                    .anyMatch(d -> d.contains("accessible" + HOSTILE + "by"));
        }
    }
}
