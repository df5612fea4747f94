package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.core.ActionNeededException;
import dev.apikey.core.ApikeyException;
import dev.apikey.core.CancelledException;
import dev.apikey.core.CommandNotStartedException;
import dev.apikey.core.CredentialRejectedException;
import dev.apikey.core.NotFoundException;
import dev.apikey.core.PolicyException;
import dev.apikey.core.ProviderUnavailableException;
import dev.apikey.core.ResponseLostException;
import dev.apikey.core.SecretStoreException;
import dev.apikey.core.UsageException;
import dev.apikey.testing.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table of exit codes: the failures it maps, the help's list and the README's table. */
class ExitCodeTest {
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new UsageException("x"), 2),
                Arguments.of(new NotFoundException("x", null), 3),
                Arguments.of(new CredentialRejectedException("x", null), 4),
                Arguments.of(new SecretStoreException("x", null), 5),
                Arguments.of(new ProviderUnavailableException("x", null), 6),
                Arguments.of(new ResponseLostException("x", null, null), 6), // a subtype: its supertype's code
                Arguments.of(new PolicyException("x", null), 7),
                Arguments.of(new ActionNeededException("x", null), 8),
                Arguments.of(new CommandNotStartedException("x", null, CommandNotStartedException.NOT_EXECUTABLE, null), 126),
                Arguments.of(new CommandNotStartedException("x", null, CommandNotStartedException.NOT_FOUND, null), 127),
                Arguments.of(new CancelledException("x"), 130),
                Arguments.of(new ApikeyException("x"), 1),
                Arguments.of(new IllegalStateException("a bug"), 1));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void mapsEachFailureToItsCode(Throwable failure, int code) {
        assertThat(ExitCode.of(failure).code()).as(failure.toString()).isEqualTo(code);
    }

    @Test
    void theHelpListsEveryCode(@TempDir Path dir) {
        String help = new CliRunner(dir).run("--help").out();
        String list = help.substring(help.indexOf("Exit codes:"), help.indexOf("Examples:")).replaceAll("\\s+", " ");
        for (ExitCode c : ExitCode.values()) {
            assertThat(list).as("help's exit codes").contains(" " + c.code() + " " + c.meaning() + " ");
        }
    }

    @Test
    void theReadmeTableIsTheEnum() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).as("README.md's exit code table; copy it from ExitCode.markdownTable()")
                .contains("### Exit codes\n" + ExitCode.markdownTable());
    }
}
