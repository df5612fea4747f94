package dev.apikey.cli;

import dev.apikey.cli.completion.CompletionModel;
import dev.apikey.cli.completion.CompletionScripts;
import dev.apikey.cli.completion.CompletionScripts.Shell;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion",
        description = {"Print the shell completion script for bash, zsh, fish or PowerShell.",
            "Keys and providers complete from a cache in the config directory that the script reads itself, "
                + "so pressing TAB never starts apikey."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  apikey completion bash > ~/.local/share/bash-completion/completions/apikey",
            "  echo 'source <(apikey completion zsh)' >> ~/.zshrc",
            "  apikey completion fish > ~/.config/fish/completions/apikey.fish",
            "  apikey completion powershell | Out-String | Invoke-Expression   # in $PROFILE",
        })
final class CompletionCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "SHELL", completionCandidates = ShellNames.class,
            converter = ShellConverter.class, description = "bash, zsh, fish or powershell.")
    Shell shell;

    CompletionCommand(CliContext context) {
        super(context);
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
