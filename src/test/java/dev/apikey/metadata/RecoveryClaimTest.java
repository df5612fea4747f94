package dev.apikey.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apikey.core.ActionNeededException;
import dev.apikey.core.CorruptFileException;
import dev.apikey.core.KeyRef;
import dev.apikey.core.RecoveryFiles;
import dev.apikey.core.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recovery file is claimed under the journal's lock before a resume stores its secret, or the claim is refused. */
class RecoveryClaimTest {
    private static final KeyRef REF = new KeyRef("acme", "bot");

    @TempDir
    Path dir;

    private ConfigDirectory config() {
        return new ConfigDirectory(dir.resolve("config"));
    }

    private RecoveryFileDirectory savedFile() {
        RecoveryFileDirectory files = new RecoveryFileDirectory(config());
        files.save(REF, "key-2", Secret.of("acme-recovered-0123456789"), Instant.EPOCH, null, "the store refused it");
        return files;
    }

    @Test
    void aClaimLeftByADeadResumeIsTakenOverAndTheFileStaysUntilDeleted() throws IOException {
        RecoveryFileDirectory files = savedFile();
        Path claim = dir.resolve("config/recovery/acme__bot.claim");
        Files.writeString(claim, "{\"owner\": {\"pid\": 4242, \"processStart\": \"2026-12-01T21:59:58.125Z\","
                + " \"invocation\": \"e3b0c442-98fc-4c14-9afb-f4c8996fb924\"}}");
        JournalDirectory journal = new JournalDirectory(config());

        RecoveryFiles.Recovered claimed = files.claim(REF, journal).orElseThrow();

        assertThat(claimed.secret()).isEqualTo("acme-recovered-0123456789");
        assertThat(Files.readString(claim)).contains("\"invocation\" : \"" + journal.self().invocation() + "\"");
        assertThat(files.list()).as("the claim is not a recovery file").containsExactly(files.fileFor(REF));
        files.delete(REF);
        assertThat(dir.resolve("config/recovery")).isEmptyDirectory();
    }

    @Test
    void aKeyWithAJournalEntryIsNotClaimed() throws IOException {
        RecoveryFileDirectory files = savedFile();
        JournalDirectory journal = JournalFixture.holding(dir, JournalFixture.interruptedRotation());

        assertThatThrownBy(() -> files.claim(REF, journal)).isInstanceOf(ActionNeededException.class)
                .hasMessageContaining("an interrupted rotate of acme/bot is unfinished");
        assertThat(dir.resolve("config/recovery/acme__bot.claim")).doesNotExist();
    }

    @Test
    void anUnreadableClaimIsReportedNotOverwritten() throws IOException {
        RecoveryFileDirectory files = savedFile();
        Path claim = dir.resolve("config/recovery/acme__bot.claim");
        Files.writeString(claim, "not json");

        assertThatThrownBy(() -> files.claim(REF, new JournalDirectory(config())))
                .isInstanceOf(CorruptFileException.class);
        assertThat(Files.readString(claim)).isEqualTo("not json");
    }

    @Test
    void noFileIsNothingToClaim() {
        assertThat(new RecoveryFileDirectory(config()).claim(REF, new JournalDirectory(config()))).isEmpty();
    }
}
