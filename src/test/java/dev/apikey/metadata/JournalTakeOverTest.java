package dev.apikey.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apikey.core.ActionNeededException;
import dev.apikey.core.JournalEntry;
import dev.apikey.core.KeyRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rotate --resume} takes an interrupted entry over under the journal's claim, or is refused. */
class JournalTakeOverTest {
    private static final KeyRef REF = new KeyRef("acme", "bot");

    @TempDir
    Path dir;

    @Test
    void anInterruptedEntryBecomesTheResumingInvocations() throws IOException {
        JournalDirectory journal = journalHolding(fixture()); // its owner, pid 4242 of long ago, is gone
        JournalEntry before = journal.find(REF).orElseThrow();

        JournalEntry taken = journal.takeOver(REF).orElseThrow();

        assertThat(taken.owner()).isEqualTo(journal.self());
        assertThat(journal.find(REF)).contains(taken);
        assertThat(taken.steps()).isEqualTo(before.steps());
        assertThat(taken.ownedBy(before.owner())).isEqualTo(before);
        assertThat(journal.ownerAlive(journal.find(REF).orElseThrow())).isTrue();
    }

    @Test
    void anEntryWhoseOwnerStillRunsIsRefusedAndLeftAsItIs() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Instant start = other.info().startInstant().orElseThrow();
            String owned = fixture().replace("\"pid\" : 4242", "\"pid\" : " + other.pid())
                    .replace("\"processStart\" : \"2026-12-01T21:59:58.125Z\"", "\"processStart\" : \"" + start + "\"");
            JournalDirectory journal = journalHolding(owned);

            assertThatThrownBy(() -> journal.takeOver(REF)).isInstanceOf(ActionNeededException.class)
                    .hasMessageContaining("acme/bot is in progress (process " + other.pid());
            assertThat(Files.readString(dir.resolve("config/journal/acme__bot.json"))).isEqualTo(owned);
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void noEntryIsNothingToTakeOver() {
        assertThat(new JournalDirectory(new ConfigDirectory(dir.resolve("config"))).takeOver(REF)).isEmpty();
    }

    private JournalDirectory journalHolding(String json) throws IOException {
        return JournalFixture.holding(dir, json);
    }

    private static String fixture() throws IOException {
        return JournalFixture.interruptedRotation();
    }
}
