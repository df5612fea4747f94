package dev.apikey.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.ConfigDirectory;
import dev.apikey.metadata.Json;
import dev.apikey.metadata.JournalDirectory;
import dev.apikey.metadata.RecoveryFileDirectory;
import dev.apikey.provider.ProviderTypes;
import dev.apikey.provider.local.LocalProviderType;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.Crash.When;
import dev.apikey.testing.FakeKeychain;
import dev.apikey.testing.FakeKeychain.Fault;
import dev.apikey.testing.InMemoryProviderType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code rotate --resume} of a recovery file with no journal entry (SPEC §6: the secret a store refused,
 * which the resume consumes and deletes) consumes it under a journal entry of its own, begun as every change
 * of the key is: while it stores the secret, a rotation, a revocation or another resume of the key exits 8
 * instead of racing it (a rotation's new secret overwritten by the older recovered one); one that dies midway
 * leaves the entry and the file for the next, and loses nothing.
 */
class RecoveryFileResumeTest {
    private static final KeyRef REF = new KeyRef("acme", "bot");

    @TempDir
    Path dir;
    CliRunner cli;
    InMemoryProviderType acme = new InMemoryProviderType("acme", RotationStyle.REPLACE);
    Path recovery;
    Path journal;
    String old;
    String recovered;
    String recoveredId;
    String expiresInFile;

    /** A rotation whose new secret the store refused, and whose journal entry was then finished by hand. */
    @BeforeEach
    void aRecoveryFileWithNoJournalEntry() throws Exception {
        // A keychain call may take as long as a test holds it.
        Files.writeString(dir.resolve("config.json"), "{\"keychainTimeout\":\"PT10M\"}");
        cli = new CliRunner(dir).providerTypes(new ProviderTypes(List.of(new LocalProviderType(), acme)));
        // With a lifetime: the rotation's new key (the recovery file's) expires 30 days after it was made.
        assertThat(cli.run("create", "acme/bot", "--expires", "30d").exit()).isZero();
        old = stored();
        cli.keychain().fault(Fault.REFUSES_SECRETS);
        Result refused = cli.run("rotate", "acme/bot");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(5);
        cli.keychain().fault(Fault.NONE);
        ConfigDirectory config = new ConfigDirectory(dir);
        journal = new JournalDirectory(config).path(REF);
        Files.delete(journal);
        recovery = new RecoveryFileDirectory(config).fileFor(REF);
        assertThat(recovery).exists();
        JsonNode file = Json.mapper().readTree(recovery.toFile());
        recovered = file.get("secret").asText();
        recoveredId = file.get("id").asText();
        expiresInFile = file.get("expiresAt").asText();
        assertThat(acme.accepts(recovered)).isTrue();
    }

    @Test
    void aRotationWhileAResumeStoresTheRecoveredSecretExitsEightAndTheRecoveredSecretStaysAccepted() throws Exception {
        FakeKeychain.Hold storing = cli.keychain().holdWriting("acme/bot");
        CompletableFuture<Result> resume = CompletableFuture.supplyAsync(() -> cli.run("rotate", "--resume", "acme/bot"));
        try {
            storing.awaitArrival();
            assertThat(Json.mapper().readTree(journal.toFile()).get("operation").asText())
                    .as("the resume holds the key as any change does").isEqualTo("recovery");

            Result rotation = cli.run("rotate", "acme/bot");
            Result revocation = cli.run("revoke", "acme/bot", "--yes");

            // In one JVM the running resume looks like an interrupted one; between processes it is reported as
            // in progress (below). Either way: exit 8, and nothing made, stored or revoked.
            assertThat(rotation.exit()).as(rotation.toString()).isEqualTo(8);
            assertThat(rotation.err()).contains("recovery of acme/bot");
            assertThat(revocation.exit()).as(revocation.toString()).isEqualTo(8);
        } finally {
            storing.release();
        }
        Result resumed = resume.get(60, TimeUnit.SECONDS);
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(stored()).isEqualTo(recovered);
        assertThat(acme.accepts(stored())).isTrue();
        assertThat(acme.calls().stream().filter("create"::equals).count())
                .as("the original and the refused rotation's: no key made meanwhile").isEqualTo(2);
        assertThat(journal).doesNotExist();
        assertThat(recovery).doesNotExist();
        assertThat(cli.run("status", "--check").exit()).isZero();
    }

    @Test
    void aResumeOrARotationWhileAnotherProcessStoresTheRecoveredSecretExitsEightAndTouchesNothing() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            // What a resume in that process, storing the recovered secret, has in the journal.
            JournalEntry storing = new JournalEntry(REF, JournalEntry.Operation.RECOVERY, JournalEntry.Strategy.LOCAL,
                    null, "keychain", "key-1", "ak_…x9Qz", null, null, new JournalEntry.Owner(other.pid(),
                    other.info().startInstant().orElseThrow(), "e3b0c442-98fc-4c14-9afb-f4c8996fb924"),
                    Instant.parse("2026-01-15T10:00:00Z"), List.of(), List.of());
            Files.write(journal, Json.mapper().writeValueAsBytes(storing));
            byte[] before = Files.readAllBytes(recovery);

            for (String[] command : List.of(new String[] {"rotate", "--resume", "acme/bot"},
                    new String[] {"rotate", "--resume"}, new String[] {"rotate", "acme/bot"})) {
                Result r = cli.run(command);

                assertThat(r.exit()).as(r.toString()).isEqualTo(8);
                assertThat(r.err()).as(r.toString()).contains("a recovery of acme/bot is in progress (process "
                        + other.pid()).contains("wait for it to finish");
            }
            assertThat(stored()).as("nothing was stored").isEqualTo(old);
            assertThat(Files.readAllBytes(recovery)).isEqualTo(before);
            assertThat(acme.calls().stream().filter("create"::equals).count()).isEqualTo(2);
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRotationOrRevocationWhileARecoveryFileWaitsExitsEightAndLeavesIt() throws Exception {
        byte[] before = Files.readAllBytes(recovery);
        for (String[] command : List.of(new String[] {"rotate", "acme/bot"}, new String[] {"rotate", "acme/bot", "--dry-run"},
                new String[] {"revoke", "acme/bot", "--yes"})) {
            Result r = cli.run(command);

            // A rotation now would make a third key, and the resume afterwards store the second over it; a
            // revocation would leave the second alive with nobody holding it.
            assertThat(r.exit()).as(r.toString()).isEqualTo(8);
            assertThat(r.err()).as(r.toString()).contains("a secret of acme/bot that the store refused waits in its"
                    + " recovery file").contains("hint: run 'apikey rotate --resume acme/bot' to store it first");
        }
        assertThat(acme.calls()).as("nothing sent to the provider").doesNotContain("revoke")
                .filteredOn("create"::equals).hasSize(2);
        assertThat(Files.readAllBytes(recovery)).isEqualTo(before);

        Result resumed = cli.run("rotate", "--resume", "acme/bot");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(stored()).isEqualTo(recovered);
        Result rotated = cli.run("rotate", "acme/bot");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        assertThat(acme.accepts(stored())).isTrue();
    }

    @Test
    void anInterruptedSyncThatIsResumedLeavesTheRecoveryFileForItsOwnResume() throws Exception {
        JournalEntry sync = new JournalEntry(REF, JournalEntry.Operation.SYNC, JournalEntry.Strategy.LOCAL, null,
                "keychain", "key-1", "ak_…x9Qz", null, null, new JournalEntry.Owner(4242,
                Instant.parse("2026-01-15T09:59:58Z"), "e3b0c442-98fc-4c14-9afb-f4c8996fb924"),
                Instant.parse("2026-01-15T10:00:00Z"), List.of(), List.of());
        Files.write(journal, Json.mapper().writeValueAsBytes(sync));

        Result first = cli.run("rotate", "--resume", "acme/bot");

        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(journal).doesNotExist();
        assertThat(recovery).as("the only copy of a secret the provider accepts").exists();
        Result second = cli.run("rotate", "--resume", "acme/bot");
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(stored()).isEqualTo(recovered);
        assertThat(recovery).doesNotExist();
    }

    @Test
    void aResumeOfEveryKeyReportsACorruptRecoveryFileAndLeavesItAlone() throws Exception {
        Path damaged = recovery.resolveSibling("acme__other.json");
        Files.writeString(damaged, "{\"ref\": \"not a ref\"");

        Result r = cli.run("rotate", "--resume");

        assertThat(r.exit()).as(r.toString()).isNotZero();
        assertThat(r.err()).contains(damaged.toString()).contains("not a recovery file");
        assertThat(damaged).hasContent("{\"ref\": \"not a ref\"");
        assertThat(stored()).as("nothing was stored").isEqualTo(old);
    }

    @ParameterizedTest
    @EnumSource(When.class)
    void aResumeThatDiesWhileStoringLeavesTheFileAndItsEntryForTheNextOne(When when) throws Exception {
        cli.keychain().crashWriting("acme/bot", when);
        Result crashed = cli.run("rotate", "--resume", "acme/bot");
        assertThat(crashed.exit()).as(crashed.toString()).isEqualTo(CliRunner.KILLED);
        assertThat(recovery).as("the secret is not lost").exists();
        assertThat(journal).as("the dead resume's entry").exists();

        Result rotation = cli.run("rotate", "acme/bot");
        assertThat(rotation.exit()).as(rotation.toString()).isEqualTo(8);
        assertThat(rotation.err()).contains("an interrupted recovery of acme/bot is unfinished")
                .contains("apikey rotate --resume acme/bot");

        Result next = cli.run("rotate", "--resume", "acme/bot");

        assertThat(next.exit()).as(next.toString()).isZero();
        assertThat(stored()).isEqualTo(recovered);
        assertThat(acme.accepts(recovered)).isTrue();
        assertThat(recovery).doesNotExist();
        assertThat(journal).doesNotExist();
        JsonNode listed = Json.mapper().readTree(cli.run("list", "--json").out()).get(0);
        assertThat(listed.get("id").asText()).as("the key is the recovered one").isEqualTo(recoveredId);
        assertThat(cli.run("status", "--check").exit()).isZero();
    }

    @Test
    void aResumeTheStoreStillRefusesLeavesTheFileAsItWasAndNoEntry() throws Exception {
        byte[] before = Files.readAllBytes(recovery);
        cli.keychain().fault(Fault.REFUSES_SECRETS);

        Result refused = cli.run("rotate", "--resume", "acme/bot");

        assertThat(refused.exit()).as(refused.toString()).isEqualTo(5);
        assertThat(journal).as("nothing left to resume but the file").doesNotExist();
        assertThat(Files.readAllBytes(recovery)).isEqualTo(before);
        cli.keychain().fault(Fault.NONE);
        assertThat(cli.run("rotate", "acme/bot").exit()).as("the file still holds the key").isEqualTo(8);
        assertThat(cli.run("rotate", "--resume", "acme/bot").exit()).isZero();
        assertThat(stored()).isEqualTo(recovered);
    }

    @Test
    void aForgetOrACreateWhileARecoveryFileWaitsExitsEightAndLeavesIt() throws Exception {
        byte[] before = Files.readAllBytes(recovery);
        Result forgotten = cli.run("forget", "acme/bot", "--yes");
        // The file would outlive the record, and a resume after a new create store the older secret over the new one.
        assertThat(forgotten.exit()).as(forgotten.toString()).isEqualTo(8);
        assertThat(forgotten.err()).contains("waits in its recovery file");
        assertThat(stored()).isEqualTo(old);
        forgetTheRecordAsAnEarlierApikeyDid();
        Result created = cli.run("create", "acme/bot");
        // The file's key is alive at the provider: a new one would leave it with nobody holding its secret.
        assertThat(created.exit()).as(created.toString()).isEqualTo(8);
        assertThat(created.err()).contains("waits in its recovery file");
        assertThat(acme.calls()).filteredOn("create"::equals).hasSize(2);
        assertThat(Files.readAllBytes(recovery)).isEqualTo(before);
    }

    @Test
    void aRecoveryFileAnEarlierApikeyNamedIsTheOneTheRefusalNames() throws Exception {
        Path legacy = Files.move(recovery, recovery.resolveSibling("acme__bot.json"));

        Result forgotten = cli.run("forget", "acme/bot", "--yes");

        assertThat(forgotten.exit()).as(forgotten.toString()).isEqualTo(8);
        assertThat(forgotten.err()).contains("waits in its recovery file " + legacy + ";");
        assertThat(legacy).exists();
    }

    @Test
    void anImportOfAnotherSecretWhileARecoveryFileWaitsExitsEightAndLeavesTheFile() throws Exception {
        forgetTheRecordAsAnEarlierApikeyDid();
        byte[] before = Files.readAllBytes(recovery);
        String other = "ak_anotherSecretImportedByHand0123456789";

        Result imported = cli.invocation().stdin(other + "\n").run("import", "acme/bot");

        // The file's key is alive at the provider: another secret would leave it with nobody holding it, and the
        // resume afterwards store the file's over the imported one.
        assertThat(imported.exit()).as(imported.toString()).isEqualTo(8);
        assertThat(imported.err()).contains("waits in its recovery file " + recovery).contains("and this is another one")
                .contains("'apikey import acme/bot --id ID'").doesNotContain(other).doesNotContain(recovered);
        assertThat(Files.readString(dir.resolve("keys.json"))).doesNotContain("acme/bot");
        assertThat(Files.readAllBytes(recovery)).isEqualTo(before);
    }

    /** What forget did before it refused a key with a recovery file (an earlier apikey): the record and secret gone. */
    private void forgetTheRecordAsAnEarlierApikeyDid() throws Exception {
        Path keys = dir.resolve("keys.json");
        JsonNode index = Json.mapper().readTree(keys.toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) index.get("keys")).removeAll();
        Files.write(keys, Json.mapper().writeValueAsBytes(index));
    }

    @Test
    void aRecoveryFileOfAKeyApikeyNoLongerKnowsSaysHowToImportItAndIsThenConsumed() throws Exception {
        forgetTheRecordAsAnEarlierApikeyDid();

        Result unknown = cli.run("rotate", "--resume", "acme/bot");

        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(8);
        assertThat(unknown.err()).contains("holds the secret of a key apikey has no record of")
                .contains("'apikey import acme/bot --id ID'");
        assertThat(journal).as("nothing begun").doesNotExist();
        assertThat(recovery).exists();
        Result imported = cli.invocation().stdin(recovered + "\n").run("import", "acme/bot", "--id", recoveredId);
        assertThat(imported.exit()).as(imported.toString()).isZero();
        Result resumed = cli.run("rotate", "--resume", "acme/bot");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(recovery).doesNotExist();
        assertThat(stored()).isEqualTo(recovered);
        assertThat(cli.run("status", "--check").exit()).isZero();
        // The import recorded no expiry; the file's, the provider's, is the key's.
        JsonNode record = Json.mapper().readTree(Files.readString(dir.resolve("keys.json"))).get("keys").get(0);
        assertThat(record.get("expiresAt").asText()).as(record.toString()).isEqualTo(expiresInFile);
        // The same key, not a rotation: its age and its targets' freshness stand.
        assertThat(record.get("rotatedAt").isNull()).as(record.toString()).isTrue();
    }

    @Test
    void anEntryWhoseResumeDiedAfterDeletingTheFileIsEndedAndNothingIsStoredAgain() throws Exception {
        // The dead resume had stored the secret (the file goes only after that); here it is the old one.
        Files.delete(recovery);
        JournalEntry left = new JournalEntry(REF, JournalEntry.Operation.RECOVERY, JournalEntry.Strategy.LOCAL,
                null, "keychain", "key-1", "ak_…x9Qz", null, null, new JournalEntry.Owner(4242,
                Instant.parse("2026-01-15T09:59:58Z"), "e3b0c442-98fc-4c14-9afb-f4c8996fb924"),
                Instant.parse("2026-01-15T10:00:00Z"), List.of(), List.of());
        Files.write(journal, Json.mapper().writeValueAsBytes(left));
        int writes = cli.keychain().writes();

        Result r = cli.run("rotate", "--resume", "acme/bot");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("completed the interrupted recovery");
        assertThat(journal).doesNotExist();
        assertThat(cli.keychain().writes()).as("nothing stored").isEqualTo(writes);
        assertThat(stored()).isEqualTo(old);
    }

    @Test
    void aClaimAnEarlierApikeyLeftBesideTheFileIsIgnoredAndRemovedWithIt() throws Exception {
        Path claim = recovery.resolveSibling("acme__bot.claim");
        Files.writeString(claim, "{\"owner\": {\"pid\": 4242, \"processStart\": \"2026-12-01T21:59:58.125Z\","
                + " \"invocation\": \"e3b0c442-98fc-4c14-9afb-f4c8996fb924\"}}");
        assertThat(cli.run("status", "--json").out()).doesNotContain("acme__bot.claim");

        Result r = cli.run("rotate", "--resume");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(stored()).isEqualTo(recovered);
        try (var left = Files.list(recovery.getParent())) {
            assertThat(left).as("the file and the claim are gone").isEmpty();
        }
    }

    private String stored() {
        return cli.keychain().item("apikey", "acme/bot");
    }
}
