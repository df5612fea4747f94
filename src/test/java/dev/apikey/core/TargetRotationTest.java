package dev.apikey.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.provider.ProviderTypes;
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

/**
 * A rotation writes every target before it revokes the old key; a target that cannot be written keeps
 * the old key alive, leaves the rotation journaled (exit 8), shows in {@code status --check}, and
 * {@code sync} (or {@code rotate --resume}) completes it.
 */
class TargetRotationTest {
    @TempDir
    Path dir;
    CliRunner cli;
    InMemoryProviderType acme = new InMemoryProviderType("acme", RotationStyle.REPLACE);
    Path good;
    Path unwritable;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRunner(dir.resolve("config")).providerTypes(new ProviderTypes(List.of(new LocalProviderType(), acme)));
        good = dir.resolve("good.env");
        unwritable = dir.resolve("later").resolve(".env"); // its directory does not exist yet
        ok(cli.run("create", "acme/bot"));
        ok(cli.run("target", "add", "acme/bot", "dotenv:" + good));
    }

    private Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private String stored() {
        return cli.keychain().item("apikey", "acme/bot");
    }

    private String written(Path file) throws Exception {
        return Files.readString(file).replaceAll("(?s).*BOT_API_KEY='([^']*)'.*", "$1");
    }

    @Test
    void aFailingTargetKeepsTheOldKeyAliveUntilSyncCompletesTheRotation() throws Exception {
        ok(cli.run("target", "add", "acme/bot", "dotenv:" + unwritable));
        String old = stored();

        Result rotated = cli.run("rotate", "acme/bot");
        assertThat(rotated.exit()).as(rotated.toString()).isEqualTo(8);
        assertThat(rotated.err()).contains("dotenv:" + unwritable).contains("old key stays alive").contains("apikey sync acme/bot");
        String next = stored();
        assertThat(next).isNotEqualTo(old);
        assertThat(acme.accepts(old)).as("the old key stays live").isTrue();
        assertThat(acme.keys()).hasSize(2);
        assertThat(written(good)).as("the writable target has the new secret").isEqualTo(next);

        Result status = cli.run("status", "--check");
        assertThat(status.exit()).as(status.toString()).isEqualTo(8);
        assertThat(status.out()).contains("targets holding an older secret: 1").contains("dotenv:" + unwritable);
        assertThat(status.out()).contains("unfinished-rotate").contains("target-failed");
        Result again = cli.run("rotate", "acme/bot");
        assertThat(again.exit()).as("the key cannot change until the rotation completes").isEqualTo(8);

        Result stillFailing = cli.run("sync");
        assertThat(stillFailing.exit()).as(stillFailing.toString()).isNotZero();
        assertThat(acme.accepts(old)).isTrue();

        Files.createDirectories(unwritable.getParent());
        Result synced = cli.run("sync", "--json");
        assertThat(synced.exit()).as(synced.toString()).isZero();
        assertThat(written(unwritable)).isEqualTo(next);
        assertThat(acme.accepts(old)).as("revoked once every target holds the new secret").isFalse();
        assertThat(acme.keys()).hasSize(1);
        assertThat(acme.accepts(next)).isTrue();
        ok(cli.run("status", "--check"));

        JsonNode listed = Json.mapper().readTree(ok(cli.run("target", "list", "--json")).out());
        assertThat(listed.findValuesAsText("current")).containsOnly("true");
        String log = Files.readString(dir.resolve("config").resolve("audit.log"));
        assertThat(log).contains("\"target-write\"").contains("\"failed\"").doesNotContain(old).doesNotContain(next);
    }

    @Test
    void rotateResumeAlsoCompletesIt() throws Exception {
        ok(cli.run("target", "add", "acme/bot", "dotenv:" + unwritable));
        String old = stored();
        assertThat(cli.run("rotate", "acme/bot").exit()).isEqualTo(8);
        Files.createDirectories(unwritable.getParent());
        Result resumed = cli.run("rotate", "--resume", "acme/bot");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(written(unwritable)).isEqualTo(stored());
        assertThat(acme.accepts(old)).isFalse();
        assertThat(acme.keys()).hasSize(1);
    }

    @Test
    void staleTargetsAreReportedAndForgetSaysWhichStillHoldTheSecret() throws Exception {
        Result status = cli.run("status", "--check");
        assertThat(status.exit()).as("a target never written needs action").isEqualTo(8);
        assertThat(status.out()).contains("was never written");
        ok(cli.run("sync"));
        ok(cli.run("status", "--check"));

        Result forgot = cli.run("forget", "acme/bot", "--yes");
        assertThat(forgot.exit()).as(forgot.toString()).isZero();
        assertThat(forgot.err()).contains("still hold a secret of acme/bot").contains("dotenv:" + good);
        assertThat(Files.readString(good)).as("targets are left untouched").contains("BOT_API_KEY=");
        assertThat(Json.mapper().readTree(ok(cli.run("target", "list", "--json")).out())).hasSize(1);
    }

    @Test
    void createAndImportWriteTheTargetsAfterStoring() throws Exception {
        ok(cli.run("forget", "acme/bot", "--yes"));
        ok(cli.run("create", "acme/bot"));
        assertThat(written(good)).isEqualTo(stored());
        ok(cli.run("forget", "acme/bot", "--yes"));
        ok(cli.invocation().stdin("imported_secret_0123456789\n").run("import", "acme/bot"));
        assertThat(written(good)).isEqualTo("imported_secret_0123456789");
    }
}
