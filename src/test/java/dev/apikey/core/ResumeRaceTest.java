package dev.apikey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apikey.metadata.ConfigDirectory;
import dev.apikey.metadata.JournalDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume that saw an interrupted entry, and then found it gone when it came to claim it: another
 * process resumed it in between. It says so and exits 8, and acts on nothing.
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
        public boolean ownerAlive(JournalEntry entry) {
            return journal.ownerAlive(entry);
        }

        @Override
        public JournalEntry.Owner self() {
            return journal.self();
        }
    }
}
