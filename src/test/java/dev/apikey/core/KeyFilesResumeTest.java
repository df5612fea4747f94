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
import dev.apikey.testing.FakeKeychain.Fault;
import dev.apikey.testing.InMemoryProviderType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rotate --resume} finds each key's journal entry and recovery file under a name of its own: two keys whose
 * files an earlier apikey named alike ({@code acme/x__bot}, {@code acme__x/bot}: {@code acme__x__bot.json}) resume
 * apart; a rotation an earlier apikey left behind, under that earlier name, is still resumed; and a file that
 * holds another key's change is refused, never acted on as this key's.
 */
class KeyFilesResumeTest {
    private static final KeyRef SLASH_FIRST = new KeyRef("acme", "x__bot");
    private static final KeyRef SLASH_LAST = new KeyRef("acme__x", "bot");

    @TempDir
    Path dir;
    CliRunner cli;
    InMemoryProviderType acme = new InMemoryProviderType("acme", RotationStyle.REPLACE);
    JournalDirectory journal;
    RecoveryFileDirectory recovery;

    @BeforeEach
    void twoProviders() {
        cli = new CliRunner(dir).providerTypes(new ProviderTypes(List.of(new LocalProviderType(), acme)));
        ok(cli.run("provider", "add", "acme__x", "--type", "acme"));
        journal = new JournalDirectory(new ConfigDirectory(dir));
        recovery = new RecoveryFileDirectory(new ConfigDirectory(dir));
    }

    @Test
    void twoKeysWhoseFilesHadTheSameNameEachResumeTheirOwnRotation() throws Exception {
        String lastBefore = besideARefusedRotation(SLASH_LAST, SLASH_FIRST);
        cli.keychain().fault(Fault.REFUSES_SECRETS);
        Result second = cli.run("rotate", SLASH_LAST.toString());
        assertThat(second.exit()).as("not held off by the other key's entry: " + second).isEqualTo(5);
        cli.keychain().fault(Fault.NONE);
        String first = recovered(SLASH_FIRST);
        String last = recovered(SLASH_LAST);
        assertThat(first).isNotEqualTo(last);

        ok(cli.run("rotate", "--resume", SLASH_FIRST.toString()));

        assertThat(stored(SLASH_FIRST)).isEqualTo(first);
        assertThat(stored(SLASH_LAST)).as("the other key is untouched").isEqualTo(lastBefore);
        assertThat(journal.find(SLASH_LAST)).isPresent();
        assertThat(recovery.read(SLASH_LAST).orElseThrow().secret()).isEqualTo(last);

        ok(cli.run("rotate", "--resume", SLASH_LAST.toString()));

        assertThat(stored(SLASH_LAST)).isEqualTo(last);
        assertThat(acme.accepts(first)).isTrue();
        assertThat(acme.accepts(last)).isTrue();
        assertThat(acme.keys()).as("each old key revoked").hasSize(2);
        assertThat(cli.run("status", "--check").exit()).isZero();
    }

    @Test
    void aRotationAnEarlierApikeyLeftUnderTheEarlierNamesIsResumed() throws Exception {
        String lastBefore = besideARefusedRotation(SLASH_LAST, SLASH_FIRST);
        String secret = recovered(SLASH_FIRST);
        // As an earlier apikey named them: provider__name.json, a name acme__x/bot's files had too.
        Path legacyEntry = Files.move(journal.path(SLASH_FIRST), journal.path(SLASH_FIRST).resolveSibling("acme__x__bot.json"));
        Path legacyFile = Files.move(recovery.fileFor(SLASH_FIRST),
                recovery.fileFor(SLASH_FIRST).resolveSibling("acme__x__bot.json"));

        Result status = cli.run("status", "--check");
        assertThat(status.exit()).as(status.toString()).isEqualTo(8);
        assertThat(status.out()).contains("acme/x__bot").contains(legacyFile.toString());
        Result other = cli.run("rotate", "--resume", SLASH_LAST.toString());
        assertThat(other.exit()).as("the earlier name was never the other key's entry: " + other).isEqualTo(3);
        ok(cli.run("rotate", SLASH_LAST.toString()));

        Result resumed = cli.run("rotate", "--resume");

        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(stored(SLASH_FIRST)).isEqualTo(secret);
        assertThat(acme.accepts(secret)).isTrue();
        assertThat(stored(SLASH_LAST)).isNotEqualTo(lastBefore);
        assertThat(acme.accepts(stored(SLASH_LAST))).isTrue();
        assertThat(legacyEntry).doesNotExist();
        assertThat(legacyFile).doesNotExist();
        assertThat(cli.run("status", "--check").exit()).isZero();
    }

    @Test
    void aJournalFileHoldingAnotherKeysRotationIsRefusedWithItsPathAndNothingChanges() throws Exception {
        String before = besideARefusedRotation(new KeyRef("acme", "bot"), new KeyRef("acme", "other"));
        // acme/other's interrupted rotation and its secret, under acme/bot's names (a copy, a restore gone wrong).
        Path entry = Files.move(journal.path(new KeyRef("acme", "other")), journal.path(new KeyRef("acme", "bot")));
        Path file = Files.move(recovery.fileFor(new KeyRef("acme", "other")),
                recovery.fileFor(new KeyRef("acme", "bot")));
        byte[] entryBytes = Files.readAllBytes(entry);
        byte[] fileBytes = Files.readAllBytes(file);
        long creates = creates();

        for (String[] command : List.of(new String[] {"rotate", "acme/bot"}, new String[] {"rotate", "--resume", "acme/bot"},
                new String[] {"revoke", "acme/bot", "--yes"})) {
            Result r = cli.run(command);

            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(r.toString()).contains(entry + " is corrupt: it holds the journal entry of acme/other,"
                    + " not of acme/bot").contains("hint:");
        }
        Result all = cli.run("rotate", "--resume");
        assertThat(all.exit()).as(all.toString()).isEqualTo(1);
        assertThat(all.err()).contains(entry.toString()).contains("whose file is acme+other.json");

        assertThat(stored(new KeyRef("acme", "bot"))).isEqualTo(before);
        assertThat(creates()).isEqualTo(creates);
        assertThat(Files.readAllBytes(entry)).isEqualTo(entryBytes);
        assertThat(Files.readAllBytes(file)).isEqualTo(fileBytes);
    }

    @Test
    void aRecoveryFileHoldingAnotherKeysSecretIsNotStoredAsThisKeys() throws Exception {
        String before = besideARefusedRotation(new KeyRef("acme", "bot"), new KeyRef("acme", "other"));
        Files.delete(journal.path(new KeyRef("acme", "other")));
        Path file = Files.move(recovery.fileFor(new KeyRef("acme", "other")),
                recovery.fileFor(new KeyRef("acme", "bot")));

        Result r = cli.run("rotate", "--resume", "acme/bot");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains(file + " is corrupt: it holds the recovery file of acme/other, not of acme/bot");
        assertThat(stored(new KeyRef("acme", "bot"))).isEqualTo(before);
        assertThat(journal.find(new KeyRef("acme", "bot"))).as("nothing begun").isEmpty();
        assertThat(file).exists();
    }

    /**
     * Creates both keys and rotates {@code refused} with a store that refuses its new secret (leaving an entry and a
     * recovery file); returns the secret {@code key} stores.
     */
    private String besideARefusedRotation(KeyRef key, KeyRef refused) {
        ok(cli.run("create", key.toString()));
        ok(cli.run("create", refused.toString()));
        cli.keychain().fault(Fault.REFUSES_SECRETS);
        assertThat(cli.run("rotate", refused.toString()).exit()).isEqualTo(5);
        cli.keychain().fault(Fault.NONE);
        return stored(key);
    }

    private long creates() {
        return acme.calls().stream().filter("create"::equals).count();
    }

    private String recovered(KeyRef ref) throws Exception {
        JsonNode file = Json.mapper().readTree(Files.readAllBytes(recovery.fileFor(ref)));
        assertThat(file.get("ref").asText()).isEqualTo(ref.toString());
        return file.get("secret").asText();
    }

    private String stored(KeyRef ref) {
        return cli.keychain().item("apikey", ref.toString());
    }

    private static void ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
    }
}
