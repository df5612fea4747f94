package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.CliRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {
    @TempDir
    Path dir;

    @Test
    void unknownShellIsAUsageErrorNamingTheShells() {
        CliRunner.Result result = new CliRunner(dir).run("completion", "tcsh");
        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("'tcsh' is not a shell apikey completes")
                .contains("bash, zsh, fish or powershell");
    }

    @Test
    void missingShellIsAUsageError() {
        CliRunner.Result result = new CliRunner(dir).run("completion");
        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("SHELL");
    }

    @Test
    void printingAScriptTouchesNoConfigDirectory() {
        CliRunner.Result result = new CliRunner(dir).run("completion", "bash");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(dir.resolve("names.cache")).doesNotExist();
        assertThat(dir.resolve("keys.json")).doesNotExist();
    }
}
