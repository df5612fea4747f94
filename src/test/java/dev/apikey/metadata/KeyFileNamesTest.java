package dev.apikey.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apikey.core.CorruptFileException;
import dev.apikey.core.JournalEntry;
import dev.apikey.core.KeyRef;
import dev.apikey.core.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The journal's and the recovery files' one file per key: a name no other ref has (earlier, {@code a/b__c} and
 * {@code a__b/c} shared {@code a__b__c.json}), a check that a file read for a key is that key's, and the files an
 * earlier apikey wrote still found for the key they name.
 */
class KeyFileNamesTest {
    private static final KeyRef SLASH_FIRST = new KeyRef("acme", "x__bot");
    private static final KeyRef SLASH_LAST = new KeyRef("acme__x", "bot");

    @TempDir
    Path dir;

    private ConfigDirectory config() {
        return new ConfigDirectory(dir.resolve("config"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "openai/ci-bot, openai+ci-bot.json",
        "acme/x__bot, acme+x__bot.json",
        "acme__x/bot, acme__x+bot.json",
        "acme/CI, acme+ci@60.json",
        "Acme/bot, acme+bot@1.json",
        "a.b/c_d-e, a.b+c_d-e.json",
    })
    void aKeysFileIsNamedByItsRef(String ref, String name) {
        assertThat(KeyFiles.fileName(KeyRef.parse(ref))).isEqualTo(name);
    }

    @Test
    void refsThatDifferNeverShareAFileNotEvenWhereCaseIsIgnored() {
        List<String> refs = List.of("a/b__c", "a__b/c", "a_/b_", "a/b", "a/B", "A/b", "A/B", "ab/c", "a/bc", "a.b/c",
                "a/b.c", "a/b_", "a_/b", "x/ab", "x/aB", "x/Ab", "a/b1", "a/B1");
        List<String> names = refs.stream().map(KeyRef::parse).map(KeyFiles::fileName)
                .map(n -> n.toLowerCase(Locale.ROOT)).toList();
        assertThat(names).as(refs + " -> " + names).doesNotHaveDuplicates();
    }

    @Test
    void theLongestRefLeavesRoomForTheTemporaryFileOfAnAtomicWrite() {
        String longest = "A".repeat(64);
        String name = KeyFiles.fileName(new KeyRef(longest, longest));
        // AtomicFile writes "." + name + up to 20 random digits + ".tmp" beside it; a file name has at most 255 bytes.
        assertThat(1 + name.length() + 20 + 4).as(name).isLessThanOrEqualTo(255);
    }

    @Test
    void twoRefsThatSharedAJournalFileEachHaveTheirOwnEntry() {
        JournalDirectory journal = new JournalDirectory(config());
        journal.begin(entry(SLASH_FIRST, "key-1"));
        journal.begin(entry(SLASH_LAST, "key-9"));

        assertThat(journal.find(SLASH_FIRST).orElseThrow().oldId()).isEqualTo("key-1");
        assertThat(journal.find(SLASH_LAST).orElseThrow().oldId()).isEqualTo("key-9");
        assertThat(journal.all()).extracting(JournalEntry::ref).containsExactlyInAnyOrder(SLASH_FIRST, SLASH_LAST);
        journal.finish(SLASH_FIRST);
        assertThat(journal.find(SLASH_FIRST)).isEmpty();
        assertThat(journal.find(SLASH_LAST)).as("the other key's entry stays").isPresent();
    }

    @Test
    void twoRefsThatSharedARecoveryFileEachKeepTheirOwnSecret() {
        RecoveryFileDirectory files = new RecoveryFileDirectory(config());
        files.save(SLASH_FIRST, "key-2", Secret.of("first-recovered-0123456789"), Instant.EPOCH, null, "refused");
        files.save(SLASH_LAST, "key-8", Secret.of("last-recovered-0123456789"), Instant.EPOCH, null, "refused");

        assertThat(files.list()).hasSize(2);
        assertThat(files.read(SLASH_FIRST).orElseThrow().secret()).isEqualTo("first-recovered-0123456789");
        assertThat(files.read(SLASH_LAST).orElseThrow().secret()).isEqualTo("last-recovered-0123456789");
        files.delete(SLASH_LAST);
        assertThat(files.existing(SLASH_LAST)).isEmpty();
        assertThat(files.read(SLASH_FIRST).orElseThrow().secret()).as("the other key's file stays")
                .isEqualTo("first-recovered-0123456789");
    }

    @Test
    void anEntryAnEarlierApikeyWroteIsFoundForTheKeyItNamesOnlyAndTakenOverUnderTodaysName() throws IOException {
        JournalDirectory journal = new JournalDirectory(config());
        Path legacy = config().journalDirectory().resolve("acme__x__bot.json");
        Files.createDirectories(legacy.getParent());
        Files.write(legacy, Json.mapper().writeValueAsBytes(entry(SLASH_FIRST, "key-1")));

        assertThat(journal.find(SLASH_FIRST)).isPresent();
        assertThat(journal.find(SLASH_LAST)).as("the other key whose name it was").isEmpty();
        assertThat(journal.all()).extracting(JournalEntry::ref).containsExactly(SLASH_FIRST);
        journal.begin(entry(SLASH_LAST, "key-9")); // not held off by the other key's entry

        assertThat(journal.takeOver(SLASH_FIRST).orElseThrow().owner()).isEqualTo(journal.self());

        assertThat(legacy).doesNotExist();
        assertThat(journal.path(SLASH_FIRST)).exists();
        assertThat(journal.all()).extracting(JournalEntry::ref).containsExactlyInAnyOrder(SLASH_FIRST, SLASH_LAST);
    }

    @Test
    void anEntryLeftUnderBothNamesIsListedOnceAndEndedUnderBoth() throws IOException {
        // A take-over that died between writing today's name and deleting the earlier one.
        JournalDirectory journal = new JournalDirectory(config());
        journal.begin(entry(SLASH_FIRST, "key-1"));
        Path legacy = config().journalDirectory().resolve("acme__x__bot.json");
        Files.write(legacy, Json.mapper().writeValueAsBytes(entry(SLASH_FIRST, "key-1")));

        assertThat(journal.all()).hasSize(1);
        journal.finish(SLASH_FIRST);
        assertThat(legacy).doesNotExist();
        assertThat(journal.find(SLASH_FIRST)).isEmpty();
    }

    @Test
    void aRecoveryFileAnEarlierApikeyWroteIsReadForTheKeyItNamesOnly() throws IOException {
        RecoveryFileDirectory files = new RecoveryFileDirectory(config());
        Path current = files.save(SLASH_FIRST, "key-2", Secret.of("first-recovered-0123456789"), Instant.EPOCH, null,
                "refused");
        Path legacy = current.resolveSibling("acme__x__bot.json");
        Files.move(current, legacy);

        assertThat(files.existing(SLASH_FIRST)).contains(legacy);
        assertThat(files.existing(SLASH_LAST)).isEmpty();
        assertThat(files.read(SLASH_FIRST).orElseThrow().secret()).isEqualTo("first-recovered-0123456789");
        assertThat(files.read(SLASH_LAST)).isEmpty();
        assertThat(files.refOf(legacy)).contains(SLASH_FIRST);
        files.delete(SLASH_LAST);
        assertThat(legacy).as("not the other key's to delete").exists();
        files.delete(SLASH_FIRST);
        assertThat(legacy).doesNotExist();
    }

    @Test
    void aJournalFileHoldingAnotherKeysEntryIsRefusedWithItsPathAndLeftAlone() throws IOException {
        JournalDirectory journal = new JournalDirectory(config());
        Path file = journal.path(new KeyRef("acme", "bot"));
        Files.createDirectories(file.getParent());
        byte[] foreign = Json.mapper().writeValueAsBytes(entry(new KeyRef("acme", "other"), "key-1"));
        Files.write(file, foreign);

        assertThatThrownBy(() -> journal.find(new KeyRef("acme", "bot"))).isInstanceOf(CorruptFileException.class)
                .hasMessage(file + " is corrupt: it holds the journal entry of acme/other, not of acme/bot");
        assertThatThrownBy(() -> journal.begin(entry(new KeyRef("acme", "bot"), "key-3")))
                .isInstanceOf(CorruptFileException.class);
        assertThatThrownBy(journal::all).isInstanceOf(CorruptFileException.class)
                .hasMessage(file + " is corrupt: it holds the journal entry of acme/other, whose file is acme+other.json");
        assertThat(journal.find(new KeyRef("acme", "other"))).as("nor is it the other key's").isEmpty();
        assertThat(Files.readAllBytes(file)).isEqualTo(foreign);
    }

    @Test
    void aRecoveryFileHoldingAnotherKeysSecretIsRefusedWithItsPathAndLeftAlone() throws IOException {
        RecoveryFileDirectory files = new RecoveryFileDirectory(config());
        Path other = files.save(new KeyRef("acme", "other"), "key-2", Secret.of("other-recovered-0123456789"),
                Instant.EPOCH, null, "refused");
        Path file = files.fileFor(new KeyRef("acme", "bot"));
        Files.move(other, file);

        assertThatThrownBy(() -> files.read(new KeyRef("acme", "bot"))).isInstanceOf(CorruptFileException.class)
                .hasMessage(file + " is corrupt: it holds the recovery file of acme/other, not of acme/bot");
        assertThatThrownBy(() -> files.refOf(file)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("whose file is acme+other.json");
        assertThat(file).content().contains("other-recovered-0123456789");
    }

    private JournalEntry entry(KeyRef ref, String oldId) {
        return new JournalEntry(ref, JournalEntry.Operation.ROTATE, JournalEntry.Strategy.REPLACE, "apikey-3f2a9c",
                "keychain", oldId, "…a1b2", null, null, new JournalEntry.Owner(4242, Instant.EPOCH,
                "5b0e4c1e-8d7a-4a8e-9f37-0c2d1a6b7e90"), Instant.EPOCH, List.of(), List.of());
    }
}
