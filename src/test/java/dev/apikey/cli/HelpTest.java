package dev.apikey.cli;

import dev.apikey.BuiltIns;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.cli.completion.CompletionModel;
import dev.apikey.testing.CliRunner;
import dev.apikey.tools.GenerateDocs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command, subcommands included, explains itself and shows examples. */
class HelpTest {
    @TempDir
    Path dir;

    static Stream<List<String>> commands() {
        return CompletionModel.of(GenerateDocs.commandLine().getCommandSpec(), BuiltIns.providerTypes()).commands().stream()
                .map(CompletionModel.Command::path)
                .filter(p -> !p.equals(List.of("help"))); // picocli's own
    }

    @ParameterizedTest(name = "apikey {0} --help")
    @MethodSource("commands")
    void hasADescriptionAndExamples(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        CliRunner.Result help = new CliRunner(dir).run(args.toArray(String[]::new));
        assertThat(help.exit()).as(help.toString()).isZero();
        assertThat(help.err()).as("help printed warnings").isEmpty();
        String usage = help.out();
        assertThat(usage).startsWith("Usage: apikey" + (path.isEmpty() ? "" : " " + String.join(" ", path)));
        String description = usage.lines().dropWhile(l -> l.startsWith("Usage:") || l.startsWith(" "))
                .findFirst().orElse("");
        assertThat(description).as("description in%n%s", usage).isNotBlank();
        // Its own examples, not ones inherited from the command above it.
        String example = String.join(" ", path).isEmpty() ? "apikey " : "apikey " + String.join(" ", path);
        assertThat(usage).as("examples in%n%s", usage).contains("\nExamples:\n  " + example);
    }
}
