package dev.apikey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apikey.metadata.ConfigDirectory;
import dev.apikey.metadata.JournalDirectory;
import dev.apikey.metadata.RecoveryFileDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume that saw an interrupted entry, or a recovery file, and then found it gone when it came to
 * claim it (take the entry over, or begin one of its own for the file): another process resumed it in between.
 * It says so and exits 8, and acts on nothing.
 */
class ResumeRaceTest {
    private static final KeyRef REF = new KeyRef("acme", "bot");

    @TempDir
    Path dir;

    @Test
    void anEntryResumedByAnotherProcessBetweenTheLookAndTheClaimIsNotActedOn() throws IOException {
        ConfigDirectory config = new ConfigDirectory(dir.resolve("config"));
        Files.createDirectories(config.journalDirectory());
        try (InputStream in = getClass().getResourceAsStream("/dev/apikey/metadata/journal-with-string-states.json")) {
            Files.write(config.journalDirectory().resolve("acme__bot.json"), in.readAllBytes());
        }
        JournalDirectory files = new JournalDirectory(config);
        RotationJournal journal = new Claimed(files, () -> files.finish(REF), () -> { });
        // Only the journal: whatever else this resume touched would fail the test with a NullPointerException.
        Workspace ws = new Workspace(null, null, null, null, null, null, null, null, null, null, journal, null, null,
                null, null);

        assertThatThrownBy(() -> new ResumeChanges(ws).resume(REF)).isInstanceOf(ActionNeededException.class)
                .hasMessage("the interrupted rotate of acme/bot was resumed by another apikey process meanwhile");
        assertThat(journal.find(REF)).isEmpty();
    }

    @Test
    void aRecoveryFileConsumedByAnotherProcessBetweenTheLookAndTheClaimIsNotStored() {
        ConfigDirectory config = new ConfigDirectory(dir.resolve("config"));
        RecoveryFiles recovery = new RecoveryFileDirectory(config);
        recovery.save(REF, "key-2", Secret.of("acme-recovered-0123456789"), Instant.EPOCH, null, "the store refused it");
        RotationJournal journal = new Claimed(new JournalDirectory(config), () -> recovery.delete(REF), () -> { });
        // Only the journal and the recovery files: storing anything would fail the test with a NullPointerException.
        Workspace ws = new Workspace(null, null, null, null, null, null, recovery, null, null, null, journal, null, null,
                null, null);

        assertThatThrownBy(() -> new ResumeChanges(ws).resume(REF)).isInstanceOf(ActionNeededException.class)
                .hasMessage("the recovery file of acme/bot was consumed by another apikey process meanwhile");
        assertThat(recovery.list()).isEmpty();
        assertThat(journal.find(REF)).as("nothing was begun").isEmpty();
    }

    @Test
    void aRecoveryFileIsReadOnlyUnderTheClaim() {
        // Read before the claim, its content could be what another resume has just stored; and read twice,
        // the secret is in memory twice.
        ConfigDirectory config = new ConfigDirectory(dir.resolve("config"));
        class ReadUnderTheClaim extends RuntimeException {
        }
        boolean[] claiming = new boolean[1];
        RecoveryFiles recovery = new ReadHooked(new RecoveryFileDirectory(config), () -> {
            if (!claiming[0]) {
                throw new AssertionError("the recovery file was read outside its claim");
            }
            throw new ReadUnderTheClaim(); // far enough: what follows stores what was read
        });
        recovery.save(REF, "key-2", Secret.of("acme-recovered-0123456789"), Instant.EPOCH, null, "the store refused it");
        RotationJournal journal = new Claimed(new JournalDirectory(config), () -> { }, () -> claiming[0] = true);
        Workspace ws = new Workspace(null, null, null, null, null, null, recovery, null, null, null, journal, null, null,
                null, null);

        assertThatThrownBy(() -> new ResumeChanges(ws).resume(REF)).isInstanceOf(ReadUnderTheClaim.class);
        assertThat(journal.find(REF)).as("nothing was begun").isEmpty();
    }

    /** Recovery files that run {@code onRead} on every read of a key's file. */
    private record ReadHooked(RecoveryFiles files, Runnable onRead) implements RecoveryFiles {
        @Override
        public Path save(KeyRef ref, String id, Secret secret, Instant createdAt, Instant expiresAt, String reason) {
            return files.save(ref, id, secret, createdAt, expiresAt, reason);
        }

        @Override
        public List<Path> list() {
            return files.list();
        }

        @Override
        public Optional<KeyRef> refOf(Path file) {
            return files.refOf(file);
        }

        @Override
        public Optional<Path> existing(KeyRef ref) {
            return files.existing(ref);
        }

        @Override
        public Optional<Recovered> read(KeyRef ref) {
            onRead.run();
            return files.read(ref);
        }

        @Override
        public void delete(KeyRef ref) {
            files.delete(ref);
        }

        @Override
        public Path fileFor(KeyRef ref) {
            return files.fileFor(ref);
        }
    }

    /**
     * A journal in which something happens just before this process claims a key, to take an entry over or begin one
     * (another process finishes the entry, or consumes the recovery file), and {@code inClaim} runs once the claim of
     * a new entry is held, before the entry is built.
     */
    private record Claimed(RotationJournal journal, Runnable beforeClaim, Runnable inClaim) implements RotationJournal {
        @Override
        public JournalEntry begin(KeyRef ref, Supplier<JournalEntry> fromCurrentState) {
            beforeClaim.run();
            return journal.begin(ref, () -> {
                inClaim.run();
                return fromCurrentState.get();
            });
        }

        @Override
        public Optional<JournalEntry> takeOver(KeyRef ref) {
            beforeClaim.run();
            return journal.takeOver(ref);
        }

        @Override
        public JournalEntry record(JournalEntry entry, JournalEntry.Step step) {
            return journal.record(entry, step);
        }

        @Override
        public void finish(KeyRef ref) {
            journal.finish(ref);
        }

        @Override
        public Optional<JournalEntry> find(KeyRef ref) {
            return journal.find(ref);
        }

        @Override
        public List<JournalEntry> all() {
            return journal.all();
        }

        @Override
        public boolean alive(JournalEntry.Owner owner) {
            return journal.alive(owner);
        }

        @Override
        public JournalEntry.Owner self() {
            return journal.self();
        }
    }
}
