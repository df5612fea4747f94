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
 * claim it: another process resumed it in between. It says so and exits 8, and acts on nothing.
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
        RotationJournal journal = new CompletedBeforeTheClaim(new JournalDirectory(config));
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
        RecoveryFiles recovery = new Hooked(new RecoveryFileDirectory(config), files -> files.delete(REF), () -> { });
        recovery.save(REF, "key-2", Secret.of("acme-recovered-0123456789"), Instant.EPOCH, null, "the store refused it");
        // Only the journal and the recovery files: storing anything would fail the test with a NullPointerException.
        Workspace ws = new Workspace(null, null, null, null, null, null, recovery, null, null, null,
                new JournalDirectory(config), null, null, null, null);

        assertThatThrownBy(() -> new ResumeChanges(ws).resume(REF)).isInstanceOf(ActionNeededException.class)
                .hasMessage("the recovery file of acme/bot was consumed by another apikey process meanwhile");
        assertThat(recovery.list()).isEmpty();
    }

    @Test
    void aRecoveryFileIsReadOnlyUnderTheClaim() {
        // Read before the claim, its content could be what another resume has just stored; and read twice,
        // the secret is in memory twice.
        ConfigDirectory config = new ConfigDirectory(dir.resolve("config"));
        class Claimed extends RuntimeException {
        }
        RecoveryFiles recovery = new Hooked(new RecoveryFileDirectory(config), files -> {
            throw new Claimed(); // far enough: what follows stores the claimed content
        }, () -> {
            throw new AssertionError("the recovery file was read outside its claim");
        });
        recovery.save(REF, "key-2", Secret.of("acme-recovered-0123456789"), Instant.EPOCH, null, "the store refused it");
        Workspace ws = new Workspace(null, null, null, null, null, null, recovery, null, null, null,
                new JournalDirectory(config), null, null, null, null);

        assertThatThrownBy(() -> new ResumeChanges(ws).resume(REF)).isInstanceOf(Claimed.class);
    }

    /**
     * Recovery files with something happening just before this process claims the key's (another process consumes
     * it), and on every read outside the claim.
     */
    private record Hooked(RecoveryFiles files, java.util.function.Consumer<RecoveryFiles> beforeClaim, Runnable onRead)
            implements RecoveryFiles {
        @Override
        public Optional<Recovered> claim(KeyRef ref, RotationJournal journal) {
            beforeClaim.accept(files);
            return files.claim(ref, journal);
        }

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
        public boolean exists(KeyRef ref) {
            return files.exists(ref);
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

    /** A journal in which another process finishes the entry just before this one claims it. */
    private record CompletedBeforeTheClaim(RotationJournal journal) implements RotationJournal {
        @Override
        public Optional<JournalEntry> takeOver(KeyRef ref) {
            journal.finish(ref);
            return journal.takeOver(ref);
        }

        @Override
        public JournalEntry begin(KeyRef ref, Supplier<JournalEntry> fromCurrentState) {
            return journal.begin(ref, fromCurrentState);
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
