package dev.apikey.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apikey.core.CorruptFileException;
import dev.apikey.core.JournalEntry;
import dev.apikey.core.JournalEntry.Operation;
import dev.apikey.core.JournalEntry.StepName;
import dev.apikey.core.JournalEntry.Strategy;
import dev.apikey.core.KeyRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal file is a format users' machines hold across upgrades: an entry written before its
 * states were typed (the fixture, a file as that version wrote it) must load and be written back
 * byte for byte, and a state word no version knows is a corrupt file, not a crash.
 */
class JournalFileFormatTest {
    private static final KeyRef REF = new KeyRef("acme", "bot");

    @TempDir
    Path dir;

    @Test
    void anEntryWrittenWithStringStatesLoadsAsTheSameChange() throws IOException {
        JournalEntry entry = journalHolding(fixture()).find(REF).orElseThrow();

        assertThat(entry.operation()).isEqualTo(Operation.ROTATE);
        assertThat(entry.strategy()).isEqualTo(Strategy.REPLACE);
        assertThat(entry.grace()).isEqualTo(Duration.ofHours(24));
        assertThat(entry.steps()).extracting(JournalEntry.Step::name).containsExactly(StepName.CREATING,
                StepName.CREATED, StepName.STORED, StepName.RECORDED, StepName.TARGET_WRITING,
                StepName.TARGET_WRITTEN, StepName.TARGET_FAILED, StepName.RECOVERY_FILE, StepName.REVOKING_OLD,
                StepName.CANDIDATES, StepName.ROTATING, StepName.BEGIN);
        assertThat(entry.lastStep()).isEqualTo(StepName.BEGIN);
        assertThat(entry.step(StepName.CREATED).orElseThrow().id()).isEqualTo("key-2");
    }

    @Test
    void writingALoadedEntryBackGivesTheSameBytes() throws IOException {
        JournalEntry entry = journalHolding(fixture()).find(REF).orElseThrow();

        ConfigDirectory fresh = new ConfigDirectory(dir.resolve("fresh"));
        new JournalDirectory(fresh).begin(REF, () -> entry);

        assertThat(Files.readString(fresh.journalDirectory().resolve("acme+bot.json"))).isEqualTo(fixture());
    }

    @Test
    void everyOperationStrategyAndStepIsWrittenAsItsWord() throws IOException {
        for (Operation op : Operation.values()) {
            assertThat(Json.mapper().writeValueAsString(op)).isEqualTo('"' + op.wire() + '"');
            assertThat(Json.mapper().readValue('"' + op.wire() + '"', Operation.class)).isEqualTo(op);
        }
        for (Strategy s : Strategy.values()) {
            assertThat(Json.mapper().readValue(Json.mapper().writeValueAsString(s), Strategy.class)).isEqualTo(s);
        }
        for (StepName s : StepName.values()) {
            assertThat(Json.mapper().readValue(Json.mapper().writeValueAsString(s), StepName.class)).isEqualTo(s);
        }
        assertThat(Json.mapper().writeValueAsString(StepName.TARGET_WRITING)).isEqualTo("\"target-writing\"");
    }

    @Test
    void anUnknownStepIsACorruptFileNamedByItsPath() throws IOException {
        JournalDirectory journal = journalHolding(fixture().replace("\"revoking-old\"", "\"revoking-older\""));
        Path file = dir.resolve("config/journal/acme__bot.json");

        assertThatThrownBy(() -> journal.find(REF)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining(file.toString());
        assertThatThrownBy(journal::all).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void anUnknownOperationOrStrategyIsACorruptFile() throws IOException {
        assertThatThrownBy(() -> journalHolding(fixture().replace("\"rotate\"", "\"ROTATE\"")).find(REF))
                .isInstanceOf(CorruptFileException.class);
        assertThatThrownBy(() -> journalHolding(fixture().replace("\"replace\"", "42")).find(REF))
                .isInstanceOf(CorruptFileException.class);
    }

    private JournalDirectory journalHolding(String json) throws IOException {
        return JournalFixture.holding(dir, json);
    }

    private static String fixture() throws IOException {
        return JournalFixture.interruptedRotation();
    }
}
