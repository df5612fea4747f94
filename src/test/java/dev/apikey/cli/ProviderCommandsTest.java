package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.provider.ProviderTypes;
import dev.apikey.core.RotationStyle;
import dev.apikey.provider.local.LocalProviderType;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.InMemoryProviderType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderCommandsTest {
    @TempDir
    Path dir;
    CliRunner cli;
    InMemoryProviderType acme = new InMemoryProviderType("acme", RotationStyle.REPLACE).requiringCredential("admin-token-123");

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir).providerTypes(new ProviderTypes(List.of(new LocalProviderType(), acme)));
    }

    private JsonNode json(Result r) throws Exception {
        assertThat(r.exit()).as(r.toString()).isZero();
        return Json.mapper().readTree(r.out());
    }

    @Test
    void localExistsOutOfTheBox() throws Exception {
        JsonNode providers = json(cli.run("provider", "list", "--json"));
        assertThat(providers).extracting(p -> p.get("name").asText()).containsExactly("local");
        JsonNode local = json(cli.run("provider", "show", "local", "--json"));
        assertThat(local.get("boundOrigins")).isEmpty();
        assertThat(local.get("header").asText()).isEqualTo("Authorization");
        assertThat(local.get("scheme").asText()).isEqualTo("Bearer {secret}");
    }

    @Test
    void addShowAndRemoveAProvider() throws Exception {
        Result added = cli.run("provider", "add", "svc", "--type", "local", "--base-url", "https://api.mine.dev",
                "--allow-host", "backup.mine.dev", "--param", "prefix=svc", "--env-var", "SVC_TOKEN");
        assertThat(added.exit()).as(added.toString()).isZero();
        JsonNode svc = json(cli.run("provider", "show", "svc", "--json"));
        assertThat(svc.get("boundOrigins")).extracting(JsonNode::asText)
                .containsExactly("https://api.mine.dev", "https://backup.mine.dev");
        assertThat(svc.get("envVars")).extracting(JsonNode::asText).containsExactly("SVC_TOKEN");
        assertThat(Files.readAllLines(dir.resolve("names.cache"))).contains("provider svc");

        cli.run("create", "svc/one");
        assertThat(cli.keychain().item("apikey", "svc/one")).startsWith("svc_");
        Result refused = cli.run("provider", "remove", "svc", "--yes");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("still has 1 key");

        cli.run("forget", "svc/one", "--yes");
        assertThat(cli.run("provider", "remove", "svc").exit()).as("needs --yes without a terminal").isEqualTo(2);
        assertThat(cli.run("provider", "remove", "svc", "--yes").exit()).isZero();
        assertThat(cli.run("provider", "show", "svc").exit()).isEqualTo(3);
        assertThat(Files.readAllLines(dir.resolve("names.cache"))).doesNotContain("provider svc");
    }

    @Test
    void addingTwiceIsRefused() {
        cli.run("provider", "add", "svc", "--type", "local");
        Result r = cli.run("provider", "add", "svc", "--type", "local");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("already exists");
    }

    @Test
    void aLoopbackBaseUrlMayBePlainHttp() {
        assertThat(cli.run("provider", "add", "test", "--type", "local", "--base-url", "http://127.0.0.1:8080").exit()).isZero();
        assertThat(cli.run("provider", "add", "test6", "--type", "local", "--base-url", "http://[::1]:8080").exit()).isZero();
        assertThat(cli.run("provider", "add", "lan", "--type", "local", "--base-url", "http://10.0.0.5").exit()).isEqualTo(7);
    }

    @Test
    void loginStoresTheManagementCredentialWhichCallsThenUse() throws Exception {
        Result noCredential = cli.run("create", "acme/bot");
        assertThat(noCredential.exit()).as(noCredential.toString()).isEqualTo(4);
        assertThat(noCredential.err()).contains("apikey provider login acme").contains("APIKEY_ADMIN_ACME");

        Result login = cli.invocation().stdin("admin-token-123\n").run("provider", "login", "acme");
        assertThat(login.exit()).as(login.toString()).isZero();
        assertThat(cli.keychain().item("apikey-provider", "acme")).isEqualTo("admin-token-123");
        assertThat(json(cli.run("provider", "show", "acme", "--json")).get("credential").asBoolean()).isTrue();
        assertThat(cli.run("create", "acme/bot").exit()).isZero();

        assertThat(cli.run("provider", "logout", "acme").exit()).isZero();
        assertThat(cli.keychain().item("apikey-provider", "acme")).isNull();
        assertThat(cli.run("rotate", "acme/bot").exit()).isEqualTo(4);
    }

    @Test
    void theEnvironmentSuppliesTheCredentialInCi() {
        Result r = cli.invocation().env("APIKEY_ADMIN_ACME", "admin-token-123").run("create", "acme/bot", "-v");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("APIKEY_ADMIN_ACME").doesNotContain("admin-token-123");
    }

    @Test
    void aRefusedCredentialIsExitFour() {
        Result r = cli.invocation().env("APIKEY_ADMIN_ACME", "wrong-token").run("create", "acme/bot");
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).doesNotContain("wrong-token");
    }

    @Test
    void loginNeverTakesTheCredentialFromArguments() {
        Result r = cli.run("provider", "login", "acme", "admin-token-123");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(cli.keychain().item("apikey-provider", "acme")).isNull();
    }
}
