package dev.apikey.cli.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.cli.completion.CompletionScripts.Shell;
import dev.apikey.testing.CliRunner;
import dev.apikey.tools.GenerateDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * The scripts in {@code completions/} are what the command model generates: a command or option
 * added without regenerating them fails the build. With {@code -Dcompletions.update} the test
 * rewrites them instead.
 */
class CommittedCompletionsTest {
    private static final Path COMMITTED = Path.of("completions");

    @TempDir
    Path dir;

    @BeforeAll
    static void updateWhenAsked() throws IOException {
        if (System.getProperty("completions.update") != null) {
            GenerateDocs.writeCompletions(GenerateDocs.commandLine(), COMMITTED);
        }
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void committedScriptMatchesTheCommandModel(Shell shell) throws IOException {
        CommandLine cl = GenerateDocs.commandLine();
        String generated = GenerateDocs.script(cl, shell);
        Path file = COMMITTED.resolve(shell.fileName());
        assertThat(Files.exists(file)).as("%s is missing", file).isTrue();
        assertThat(Files.readString(file))
                .as("%s is stale: regenerate it with 'mvn test -Dtest=CommittedCompletionsTest -Dcompletions.update'", file)
                .isEqualTo(generated);
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void completionCommandPrintsTheCommittedScript(Shell shell) throws IOException {
        CliRunner.Result result = new CliRunner(dir).run("completion", shell.id());
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo(Files.readString(COMMITTED.resolve(shell.fileName())));
        assertThat(result.err()).isEmpty();
    }
}
