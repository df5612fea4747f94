package dev.apikey.tools;

import dev.apikey.BuiltIns;
import dev.apikey.Env;
import dev.apikey.cli.completion.CompletionModel;
import dev.apikey.cli.completion.CompletionScripts;
import dev.apikey.cli.completion.CompletionScripts.Shell;
import dev.apikey.App;
import dev.apikey.testing.TestTerminal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build step: writes the completion scripts and the man pages' AsciiDoc sources (converted to troff
 * by the build) from the command model, for packaging.
 *
 * <p>Usage: {@code GenerateDocs COMPLETIONS_DIR MAN_ADOC_DIR}
 */
public final class GenerateDocs {
    private GenerateDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GenerateDocs COMPLETIONS_DIR MAN_ADOC_DIR");
        }
        CommandLine cl = commandLine();
        writeCompletions(cl, Path.of(args[0]));
        Path man = Path.of(args[1]);
        Files.createDirectories(man);
        int failed = ManPageGenerator.generateManPage(man.toFile(), null, new boolean[0], true, cl.getCommandSpec());
        if (failed != 0) {
            throw new IllegalStateException("man page generation failed");
        }
    }

    /** The command line as users get it, built without touching the machine it runs on. */
    public static CommandLine commandLine() {
        Env env = Env.builder()
                .terminal(new TestTerminal(new byte[0], false, false, false, 0, List.of()))
                .variables(Map.of())
                .providerTypes(BuiltIns::providerTypes)
                .build();
        return App.commandLine(env);
    }

    /** Each shell's script, as {@code apikey completion SHELL} prints it. */
    public static String script(CommandLine cl, Shell shell) {
        return CompletionScripts.render(shell, CompletionModel.of(cl.getCommandSpec(), BuiltIns.providerTypes()));
    }

    public static void writeCompletions(CommandLine cl, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Shell shell : Shell.values()) {
            Files.writeString(dir.resolve(shell.fileName()), script(cl, shell), StandardCharsets.UTF_8);
        }
    }
}
