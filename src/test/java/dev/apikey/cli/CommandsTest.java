package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.tools.GenerateDocs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The lazily built command line finds the command an invocation names, and only that one. */
class CommandsTest {
    private final CommandLine.Model.CommandSpec root = GenerateDocs.commandLine().getCommandSpec();

    @Test
    void everyNameIsItsCommandsOwn() {
        CommandLine whole = GenerateDocs.commandLine();
        assertThat(whole.getSubcommands().keySet()).containsExactlyElementsOf(Commands.SUBCOMMANDS);
        // The name a command declares (in its annotation or its model) is the one it is invoked by.
        whole.getSubcommands().forEach((name, sub) -> assertThat(sub.getCommandSpec().name()).isEqualTo(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "get local/a                        | get     | false",
        "--backend list get local/a         | get     | false",
        "--backend=list get local/a         | get     | false",
        "--config-dir exec -q --json list   | list    | false",
        "-q -v --no-input request x         | request | false",
        "--version                          | -       | true",
        "-V                                 | -       | true",
        "--help                             | -       | false",
        "--version --help                   | -       | false",
        "-q                                 | -       | false",
        "nosuch x                           | -       | false",
        "-- get                             | -       | false",
        "help get                           | help    | false",
    })
    void findsTheInvokedCommand(String line, String command, boolean versionOnly) {
        assertThat(Commands.invoked(root, line.trim().split(" +")))
                .isEqualTo(new Commands.Invoked(command, versionOnly));
    }

    @Test
    void theVersionShortcutPrintsWhatPicocliWould(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.io.StringWriter viaPicocli = new java.io.StringWriter();
        CommandLine full = GenerateDocs.commandLine();
        full.setOut(new java.io.PrintWriter(viaPicocli, true));
        assertThat(full.execute("--version")).isZero();
        for (String flag : List.of("--version", "-V")) {
            dev.apikey.testing.CliRunner.Result r = new dev.apikey.testing.CliRunner(dir).run(flag);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo(viaPicocli.toString().replace(System.lineSeparator(), "\n"));
            assertThat(r.err()).isEmpty();
        }
        assertThat(VersionProvider.asksForVersionOnly("--version", "list")).isFalse();
        assertThat(VersionProvider.asksForVersionOnly("-q", "--version")).isFalse();
    }

    @Test
    void noArgumentsMeansNoCommand() {
        assertThat(Commands.invoked(root, List.<String>of().toArray(String[]::new)))
                .isEqualTo(new Commands.Invoked(null, false));
    }
}
