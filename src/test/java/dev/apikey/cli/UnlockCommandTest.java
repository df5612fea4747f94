package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unlock} and {@code lock} where no agent is started: bad times, no store, nothing to lock. */
class UnlockCommandTest {
    @TempDir
    Path dir;

    private CliRunner cli() {
        return new CliRunner(dir.resolve("config")).env("XDG_RUNTIME_DIR", dir.toString())
                .env("APIKEY_PASSPHRASE", "pw");
    }

    @Test
    void aTimeBeyondADayOrNotATimeIsAUsageError() {
        for (String time : new String[] {"25h", "2d", "soon", "0s"}) {
            CliRunner.Result r = cli().run("unlock", "--for", time);
            assertThat(r.exit()).as(time + ": " + r).isEqualTo(2);
        }
        assertThat(dir.resolve("apikey")).doesNotExist();
    }

    @Test
    void withoutAFileStoreThereIsNothingToUnlock() {
        CliRunner.Result r = cli().run("unlock");
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("no encrypted secret store at").contains("hint: ");
        assertThat(dir.resolve("apikey")).doesNotExist();
    }

    @Test
    void lockWithNothingUnlockedSaysSo() throws Exception {
        CliRunner.Result r = cli().run("lock");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("Not unlocked");
        assertThat(r.out()).isEmpty();
        CliRunner.Result json = cli().run("lock", "--json");
        assertThat(json.out()).contains("\"wasUnlocked\":false");
        assertThat(Files.exists(dir.resolve("apikey"))).isFalse();
    }
}
