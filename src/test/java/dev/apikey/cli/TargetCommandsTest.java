package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apikey target add|list|remove} and {@code apikey sync}: the model, with dotenv files as destinations. */
class TargetCommandsTest {
    @TempDir
    Path dir;
    CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir.resolve("config"));
        assertThat(cli.run("create", "local/my-svc").exit()).isZero();
    }

    private Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private JsonNode json(Result r) throws Exception {
        return Json.mapper().readTree(ok(r).out());
    }

    @Test
    void addListSyncRemove() throws Exception {
        Path env = dir.resolve(".env");
        JsonNode added = json(cli.run("target", "add", "local/my-svc", "dotenv:" + env, "--json"));
        assertThat(added.get("destination").asText()).isEqualTo("dotenv:" + env);
        assertThat(added.get("name").asText()).as("the key's exec variable").isEqualTo("MY_SVC_API_KEY");
        assertThat(added.get("current").asBoolean()).isFalse();
        assertThat(added.get("lastWrite").isNull()).isTrue();
        assertThat(Files.exists(env)).as("adding writes nothing").isFalse();

        ok(cli.run("target", "add", "local/my-svc", "dotenv:" + dir.resolve("other.env"), "--name", "SVC_TOKEN"));
        Result table = ok(cli.run("target", "list"));
        assertThat(table.out()).contains("never written").contains("SVC_TOKEN").contains("MY_SVC_API_KEY");

        JsonNode dry = json(cli.run("sync", "--dry-run", "--json"));
        assertThat(dry).hasSize(2);
        assertThat(dry.get(0).get("state").asText()).isEqualTo("would-write");
        assertThat(Files.exists(env)).isFalse();

        cli.clock().advance(java.time.Duration.ofMinutes(5));
        JsonNode synced = json(cli.run("sync", "local/my-svc", "--json"));
        assertThat(synced).hasSize(2);
        assertThat(synced.findValuesAsText("state")).containsOnly("written");
        String secret = cli.keychain().item("apikey", "local/my-svc");
        assertThat(Files.readString(env)).isEqualTo("MY_SVC_API_KEY='" + secret + "'\n");
        assertThat(Files.readString(dir.resolve("other.env"))).isEqualTo("SVC_TOKEN='" + secret + "'\n");

        JsonNode listed = json(cli.run("target", "list", "local/my-svc", "--json"));
        assertThat(listed).hasSize(2);
        for (JsonNode t : listed) {
            assertThat(t.get("current").asBoolean()).isTrue();
            assertThat(t.get("lastWrite").get("result").asText()).isEqualTo("ok");
            assertThat(t.get("lastWrite").get("at").asText()).isEqualTo("2026-01-15T10:05:00Z");
        }
        String all = Files.readString(dir.resolve("config").resolve("targets.json"))
                + Files.readString(dir.resolve("config").resolve("audit.log"));
        assertThat(all).contains("target-write").doesNotContain(secret);

        ok(cli.run("target", "remove", "local/my-svc", "dotenv:" + env));
        assertThat(json(cli.run("target", "list", "--json"))).hasSize(1);
        assertThat(Files.readString(env)).as("what the destination holds stays").contains(secret);
    }

    @Test
    void aRotationReachesTheTargets() throws Exception {
        Path env = dir.resolve(".env");
        ok(cli.run("target", "add", "local/my-svc", "dotenv:" + env));
        ok(cli.run("rotate", "local/my-svc"));
        assertThat(Files.readString(env)).isEqualTo("MY_SVC_API_KEY='" + cli.keychain().item("apikey", "local/my-svc") + "'\n");
        assertThat(json(cli.run("target", "list", "--json")).get(0).get("current").asBoolean()).isTrue();
    }

    @Test
    void badInputIsRefusedClearly() {
        Path env = dir.resolve(".env");
        Result bad = cli.run("target", "add", "local/my-svc", "s3:bucket");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("not a destination").contains("github:OWNER/REPO");

        Result noKey = cli.run("target", "add", "local/nope", "dotenv:" + env);
        assertThat(noKey.exit()).as(noKey.toString()).isEqualTo(3);

        Result badName = cli.run("target", "add", "local/my-svc", "dotenv:" + env, "--name", "NOT-A-VAR");
        assertThat(badName.exit()).as(badName.toString()).isEqualTo(2);

        ok(cli.run("target", "add", "local/my-svc", "dotenv:" + env));
        Result twice = cli.run("target", "add", "local/my-svc", "dotenv:" + env);
        assertThat(twice.exit()).as(twice.toString()).isEqualTo(2);
        assertThat(twice.err()).contains("already has the target");

        ok(cli.run("create", "local/other"));
        Result clash = cli.run("target", "add", "local/other", "dotenv:" + env, "--name", "MY_SVC_API_KEY");
        assertThat(clash.exit()).as(clash.toString()).isEqualTo(2);
        assertThat(clash.err()).contains("overwrite each other");

        Result gone = cli.run("target", "remove", "local/my-svc", "dotenv:" + dir.resolve("x.env"));
        assertThat(gone.exit()).as(gone.toString()).isEqualTo(3);
    }

    @Test
    void syncWithoutTargetsIsEmptyAndSucceeds() throws Exception {
        assertThat(json(cli.run("sync", "--json"))).isEmpty();
        assertThat(json(cli.run("target", "list", "--json"))).isEmpty();
    }
}
