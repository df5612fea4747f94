package dev.apikey.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.metadata.Json;
import dev.apikey.provider.ProviderTypes;
import dev.apikey.provider.local.LocalProviderType;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.Crash.When;
import dev.apikey.testing.FakeKeychain.Fault;
import dev.apikey.testing.InMemoryProviderType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rotate --resume} of a recovery file with no journal entry (SPEC §6: the secret a store refused,
 * which the resume consumes and deletes) claims the file first, as a resume of an entry takes the entry
 * over: of two parallel resumes one stores it and the other exits 8; one that dies midway loses nothing.
 */
class RecoveryFileResumeTest {
    @TempDir
    Path dir;
    CliRunner cli;
    InMemoryProviderType acme = new InMemoryProviderType("acme", RotationStyle.REPLACE);
    Path recovery;
    String old;

    /** A rotation whose new secret the store refused, and whose journal entry was then finished by hand. */
    @BeforeEach
    void aRecoveryFileWithNoJournalEntry() throws Exception {
        cli = new CliRunner(dir).providerTypes(new ProviderTypes(List.of(new LocalProviderType(), acme)));
        assertThat(cli.run("create", "acme/bot").exit()).isZero();
        old = stored();
        cli.keychain().fault(Fault.REFUSES_SECRETS);
        Result refused = cli.run("rotate", "acme/bot");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(5);
        cli.keychain().fault(Fault.NONE);
        Files.deleteIfExists(dir.resolve("journal/acme__bot.json"));
        recovery = dir.resolve("recovery/acme__bot.json");
        assertThat(recovery).exists();
    }

    @Test
    void aResumeWhileAnotherStillConsumesTheFileExitsEightAndTouchesNothing() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            // What a resume that claimed the file and is storing its secret leaves beside it.
            Files.writeString(dir.resolve("recovery/acme__bot.claim"), "{\"owner\": {\"pid\": " + other.pid()
                    + ", \"processStart\": \"" + other.info().startInstant().orElseThrow()
                    + "\", \"invocation\": \"e3b0c442-98fc-4c14-9afb-f4c8996fb924\"}}");
            byte[] before = Files.readAllBytes(recovery);

            Result second = cli.run("rotate", "--resume", "acme/bot");

            assertThat(second.exit()).as(second.toString()).isEqualTo(8);
            assertThat(second.err()).contains("a resume of acme/bot is in progress (process " + other.pid())
                    .contains("wait for it to finish");
            assertThat(stored()).as("nothing was stored").isEqualTo(old);
            assertThat(Files.readAllBytes(recovery)).isEqualTo(before);
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aResumeOfEveryKeyReportsACorruptRecoveryFileAndLeavesItAlone() throws Exception {
        Path damaged = dir.resolve("recovery/acme__other.json");
        Files.writeString(damaged, "{\"ref\": \"not a ref\"");

        Result r = cli.run("rotate", "--resume");

        assertThat(r.exit()).as(r.toString()).isNotZero();
        assertThat(r.err()).contains(damaged.toString()).contains("not a recovery file");
        assertThat(damaged).hasContent("{\"ref\": \"not a ref\"");
        assertThat(stored()).as("nothing was stored").isEqualTo(old);
    }

    @Test
    void aResumeThatDiesWhileStoringLeavesTheFileForTheNextOne() throws Exception {
        String secret = Json.mapper().readTree(recovery.toFile()).get("secret").asText();
        cli.keychain().crashWriting("acme/bot", When.BEFORE);
        Result crashed = cli.run("rotate", "--resume", "acme/bot");
        assertThat(crashed.exit()).as(crashed.toString()).isEqualTo(CliRunner.KILLED);
        assertThat(recovery).as("the secret is not lost").exists();
        assertThat(dir.resolve("recovery/acme__bot.claim")).as("the dead resume's claim").exists();

        Result next = cli.run("rotate", "--resume", "acme/bot");

        assertThat(next.exit()).as(next.toString()).isZero();
        assertThat(stored()).isEqualTo(secret);
        assertThat(acme.accepts(secret)).isTrue();
        try (var left = Files.list(dir.resolve("recovery"))) {
            assertThat(left).as("the file and its claim are gone").isEmpty();
        }
        assertThat(cli.run("status", "--check").exit()).isZero();
    }

    private String stored() {
        return cli.keychain().item("apikey", "acme/bot");
    }
}
