package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole local lifecycle through the command line, with the keychain backend. */
class LocalLifecycleTest {
    @TempDir
    Path dir;
    CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
    }

    @Test
    void createListGetRotateForget() throws Exception {
        Result created = cli.run("create", "local/demo", "--expires", "30d", "--json");
        assertThat(created.exit()).as(created.toString()).isZero();
        JsonNode view = Json.mapper().readTree(created.out());
        assertThat(view.get("ref").asText()).isEqualTo("local/demo");
        assertThat(view.get("backend").asText()).isEqualTo("keychain");

        String secret = cli.keychain().item("apikey", "local/demo");
        assertThat(secret).matches("ak_[0-9A-Za-z]{43}");
        assertThat(created.out() + created.err()).doesNotContain(secret);

        Result got = cli.run("get", "local/demo");
        assertThat(got.exit()).as(got.toString()).isZero();
        assertThat(got.out()).isEqualTo(secret + "\n");

        Result list = cli.run("list", "--json");
        JsonNode keys = Json.mapper().readTree(list.out());
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("hint").asText()).isEqualTo("ak_…" + secret.substring(secret.length() - 4));
        assertThat(list.out()).doesNotContain(secret);

        Result rotated = cli.run("rotate", "local/demo");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        String next = cli.keychain().item("apikey", "local/demo");
        assertThat(next).isNotEqualTo(secret).startsWith("ak_");

        Result forgot = cli.run("forget", "local/demo", "--yes");
        assertThat(forgot.exit()).as(forgot.toString()).isZero();
        assertThat(cli.keychain().item("apikey", "local/demo")).isNull();
        assertThat(cli.run("list", "--json").out().trim()).isEqualTo("[]");
    }
}
