package dev.apikey.cli;

import dev.apikey.cli.completion.CompletionModel;
import dev.apikey.cli.completion.CompletionScripts;
import dev.apikey.cli.completion.CompletionScripts.Shell;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.Model.CommandSpec;

final class CompletionCommand extends BaseCommand {
    Shell shell;

    private CompletionCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        CompletionCommand completion = new CompletionCommand(context);
        return CommandModel.of("completion", completion)
                .description("Print the shell completion script for bash, zsh, fish or PowerShell.",
                        "Keys and providers complete from a cache in the config directory that the script reads itself, "
                                + "so pressing TAB never starts apikey.")
                .examples("  apikey completion bash > ~/.local/share/bash-completion/completions/apikey",
                        "  echo 'source <(apikey completion zsh)' >> ~/.zshrc",
                        "  apikey completion fish > ~/.config/fish/completions/apikey.fish",
                        "  apikey completion powershell | Out-String | Invoke-Expression   # in $PROFILE")
                .addParameter(CommandModel.parameterBuilder("0", "1", "SHELL", "bash, zsh, fish or powershell.", Shell.class,
                        v -> completion.shell = v).completionCandidates(new ShellNames()).converters(new ShellConverter()))
                .spec();
    }

    @Override
    protected int run() {
        CompletionModel model = CompletionModel.of(spec.root(), context.providerTypes());
        context.terminal().out().print(CompletionScripts.render(shell, model));
        return ExitCode.OK.code();
    }

    static final class ShellNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Shell.values()).map(Shell::id).iterator();
        }
    }

    static final class ShellConverter implements picocli.CommandLine.ITypeConverter<Shell> {
        @Override
        public Shell convert(String value) {
            return Arrays.stream(Shell.values()).filter(s -> s.id().equals(value)).findFirst()
                    .orElseThrow(() -> new picocli.CommandLine.TypeConversionException(
                            "'" + value + "' is not a shell apikey completes; choose bash, zsh, fish or powershell"));
        }
    }
}
