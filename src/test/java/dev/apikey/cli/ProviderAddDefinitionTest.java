package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.metadata.Json;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code provider add NAME --type http --file DEF.json}: a definition is checked before it is saved. */
class ProviderAddDefinitionTest {
    @TempDir
    Path dir;
    CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
    }

    @Test
    void aValidDefinitionIsSavedWithTheProvider() throws Exception {
        Path file = Path.of("docs/examples/acme-vault.json").toAbsolutePath();
        Result r = cli.run("provider", "add", "acme", "--type", "http", "--file", file.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        Result shown = cli.run("provider", "show", "acme", "--json");
        assertThat(Json.mapper().readTree(shown.out()).get("baseUrl").asText()).isEqualTo("https://vault.acme.internal");
        assertThat(Json.mapper().readTree(cli.configDir().resolve("providers.json").toFile()).toString())
                .contains("\"X-Acme-Admin\":\"{credential}\"");
    }

    @Test
    void everyProblemIsReportedWithItsPath() throws Exception {
        Path file = write("bad.json", """
                {
                  "baseUrl": "http://keys.example.com",
                  "operations": {
                    "create": {"method": "FETCH", "path": "/keys", "body": {"name": "{nmae}"}, "response": {"id": "/id"}},
                    "list": {"method": "GET", "path": "/keys", "items": "/keys", "item": {"id": "/id"},
                             "pagination": {"style": "cursor", "param": "after"}}
                  }
                }""");
        Result r = cli.run("provider", "add", "bad", "--type", "http", "--file", file.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("apikey: " + file + " is not a valid provider definition (6 problems):")
                .contains("  /baseUrl: must be a full URL such as https://api.example.com (plain http only to a loopback host)")
                .contains("  /operations: missing \"revoke\"")
                .contains("  /operations/create/method: must be one of GET, POST, PUT, PATCH, DELETE")
                .contains("  /operations/create/body/name: unknown value {nmae} here")
                .contains("  /operations/create/response: missing \"secret\"")
                .contains("  /operations/list/pagination: missing \"cursor\"")
                .contains("hint: see docs/providers.md");
        assertThat(cli.run("provider", "list", "--json").out()).doesNotContain("\"bad\"");
    }

    @Test
    void aFileThatIsNotJsonIsReportedWhereItBreaksWithoutQuotingIt() throws Exception {
        Path file = write("broken.json", "{\n  \"baseUrl\": \"https://x\",\n  \"token\": \"s3cr3t-value\"\n  oops\n}");
        Result r = cli.run("provider", "add", "broken", "--type", "http", "--file", file.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(file + " is not valid JSON at line 4").doesNotContain("s3cr3t-value").doesNotContain("oops");
    }

    @Test
    void httpNeedsADefinitionAndABaseUrl() throws Exception {
        Result none = cli.run("provider", "add", "x", "--type", "http");
        assertThat(none.exit()).as(none.toString()).isEqualTo(2);
        assertThat(none.err()).contains("--type http needs the provider's definition").contains("--file");

        String def = Files.readString(Path.of("docs/examples/acme-vault.json")).replace("\"baseUrl\": \"https://vault.acme.internal\",", "");
        Path noBase = write("nobase.json", def);
        Result r = cli.run("provider", "add", "x", "--type", "http", "--file", noBase.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("has no base URL").contains("--base-url");
        assertThat(cli.run("provider", "add", "x", "--type", "http", "--file", noBase.toString(),
                "--base-url", "https://keys.example.org").exit()).isZero();
    }

    @Test
    void aBuiltInTypeTakesNoFile() throws Exception {
        Path file = Path.of("docs/examples/acme-vault.json").toAbsolutePath();
        Result r = cli.run("provider", "add", "oa", "--type", "openai", "--file", file.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--file is only for --type http");
    }

    @Test
    void aMissingFile() {
        Result r = cli.run("provider", "add", "x", "--type", "http", "--file", dir.resolve("nope.json").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("no such file");
    }

    @Test
    void builtInsWorkWithoutBeingAdded() throws Exception {
        Result shown = cli.run("provider", "show", "cloudflare", "--json");
        assertThat(shown.exit()).as(shown.toString()).isZero();
        var view = Json.mapper().readTree(shown.out());
        assertThat(view.get("baseUrl").asText()).isEqualTo("https://api.cloudflare.com/client/v4");
        assertThat(view.get("envVars").toString()).isEqualTo("[\"CLOUDFLARE_API_TOKEN\"]");
        assertThat(view.get("boundOrigins").toString()).isEqualTo("[\"https://api.cloudflare.com\"]");
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
