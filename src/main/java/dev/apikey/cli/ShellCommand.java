package dev.apikey.cli;

import dev.apikey.cli.completion.CompletionModel;
import dev.apikey.cli.shell.InteractiveShell;
import dev.apikey.core.UsageException;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

final class ShellCommand extends BaseCommand {

    private ShellCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        return CommandModel.of("shell", new ShellCommand(context))
                .description("Start an interactive shell with apikey's commands, completion and history.",
                        "Type commands without 'apikey'. Each runs on its own, with its own options; the config directory "
                                + "and --backend given to 'shell' apply to all. History is kept in the config directory and "
                                + "never records a line that looks like it holds a secret. Ctrl-C cancels the running "
                                + "command; Ctrl-D or 'exit' leaves.")
                .examples("  apikey shell", "  apikey --config-dir ~/work-keys shell")
                .spec();
    }

    @Override
    protected int run() {
        if (context.options().noInput) {
            throw new UsageException("the shell reads input; it cannot run with --no-input");
        }
        if (!context.terminal().stdinIsTerminal() || !context.terminal().stderrIsTerminal()) {
            throw new UsageException("apikey shell needs a terminal",
                    "in scripts, run the commands themselves, e.g. 'apikey list --json'");
        }
        Map<String, String> variables = new HashMap<>();
        variables.put("APIKEY_CONFIG_DIR", context.configDirectory().path().toString());
        if (context.options().backend != null) {
            variables.put("APIKEY_BACKEND", context.options().backend);
        }
        CompletionModel model = CompletionModel.of(spec.root(), context.providerTypes());
        return new InteractiveShell(context.terminal(), terminal -> context.nested(terminal, variables), model,
                context.configDirectory().historyFile()).run();
    }
}
