package dev.apikey.provider.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.VerdaccioServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The npm provider against a real registry (Verdaccio) making, listing, rotating and deleting real tokens. */
class NpmRegistryIT {
    private static final String PASSWORD = "s3cret-pass-word";
    @TempDir
    Path dir;
    VerdaccioServer registry;
    CliRunner cli;

    @BeforeEach
    void start() throws Exception {
        Path data = Files.createDirectories(dir.resolve("registry"));
        registry = VerdaccioServer.start(data);
        String session = registry.addUser("ada", PASSWORD);
        cli = new CliRunner(dir.resolve("cli"));
        Result added = cli.run("provider", "add", "registry", "--type", "npm", "--param", "kind=classic", "--base-url", registry.url());
        assertThat(added.exit()).as(added.toString()).isZero();
        Result login = cli.invocation().stdin(session).run("provider", "login", "registry");
        assertThat(login.exit()).as(login.toString()).isZero();
        cli.env("APIKEY_NPM_PASSWORD", PASSWORD);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void createListRotateRevokeRealTokens() throws Exception {
        Result created = cli.run("create", "registry/ci", "--json");
        assertThat(created.exit()).as(created.toString()).isZero();
        String token = cli.keychain().item("apikey", "registry/ci");
        assertThat(registry.whoami(token)).isEqualTo("ada");
        String id = Json.mapper().readTree(created.out()).get("id").asText();
        assertThat(created.out() + created.err()).doesNotContain(token).doesNotContain(PASSWORD);

        Result listed = cli.run("list", "registry", "--remote", "--json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        JsonNode rows = Json.mapper().readTree(listed.out());
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("id").asText()).isEqualTo(id);
            assertThat(r.get("remote").asText()).isEqualTo("tracked");
        });

        Result rotated = cli.run("rotate", "registry/ci");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        String next = cli.keychain().item("apikey", "registry/ci");
        assertThat(next).isNotEqualTo(token);
        assertThat(registry.whoami(next)).isEqualTo("ada");
        assertThat(registry.whoami(token)).as("the replaced token is revoked").isNull();

        Result revoked = cli.run("revoke", "registry/ci", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(registry.whoami(next)).as("the revoked token is refused").isNull();
        JsonNode after = Json.mapper().readTree(cli.run("list", "registry", "--remote", "--json").out());
        assertThat(after.findValuesAsText("id")).doesNotContain(id);
    }

    @Test
    void aWrongPasswordIsTheRegistrysOwnError() {
        cli.env("APIKEY_NPM_PASSWORD", "not-the-password");
        Result r = cli.run("create", "registry/nope");
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("registry: cannot create a key: the provider refused the credentials (HTTP 401: bad username/password")
                .contains("npm account password (APIKEY_NPM_PASSWORD)").doesNotContain("not-the-password");
        assertThat(cli.keychain().item("apikey", "registry/nope")).isNull();
    }
}
