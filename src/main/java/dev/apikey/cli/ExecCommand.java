package dev.apikey.cli;

import static dev.apikey.cli.CommandModel.names;

import dev.apikey.core.KeyRef;
import dev.apikey.core.RunWithKeys;
import dev.apikey.core.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

final class ExecCommand extends BaseCommand {
    List<String> words = new ArrayList<>();
    Map<String, String> variables = new LinkedHashMap<>();

    private ExecCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        ExecCommand exec = new ExecCommand(context);
        return CommandModel.of("exec", exec)
                .synopsis("apikey exec [-hqv] REF... [--env VAR=REF]... -- CMD [ARG]...")
                .description("Run a command with keys in its environment.",
                        "Each key goes in its provider's variables (OPENAI_API_KEY, …; for a local key NAME_API_KEY), or in the "
                                + "one --env names, never on a command line. The command's exit code is apikey's, and INT, TERM "
                                + "and HUP reach it. Where stdout or stderr is not a terminal (CI logs), the keys in its output "
                                + "print as ***.")
                .examples("  apikey exec openai/ci-bot -- python eval.py",
                        "  apikey exec local/dev --env SERVICE_TOKEN=local/dev -- npm start",
                        "  apikey exec openai/ci-bot cloudflare/dns -- make deploy")
                .parameters("0", "0..1", "REF... -- CMD [ARG]", "The keys, then '--' and the command with its arguments.",
                        () -> exec.words, v -> exec.words = v)
                .keyValues(names("--env"), "VAR=REF", "Put this key in this variable instead. Repeatable.",
                        () -> exec.variables, v -> exec.variables = v)
                .spec();
    }

    @Override
    protected int run() {
        if (output().json()) {
            throw new UsageException("exec runs a command and has no JSON form", "drop --json");
        }
        // Everything after '--' is the command, whatever it looks like; the words before it are refs.
        List<String> args = spec.commandLine().getParseResult().expandedArgs();
        int dash = args.indexOf("--");
        if (dash < 0) {
            throw new UsageException("put '--' between the keys and the command",
                    "apikey exec " + (words.isEmpty() ? "REF" : words.get(0)) + " -- CMD [ARG]...");
        }
        int commandLength = args.size() - dash - 1;
        List<KeyRef> refs = words.subList(0, words.size() - commandLength).stream().map(KeyRef::parse).toList();
        List<String> command = words.subList(words.size() - commandLength, words.size());
        Map<String, KeyRef> byVariable = new LinkedHashMap<>();
        variables.forEach((name, ref) -> byVariable.put(name, KeyRef.parse(ref)));
        return new RunWithKeys(workspace()).run(
                new RunWithKeys.Spec(refs, byVariable, List.copyOf(command), context.variables()),
                context.processLauncher());
    }
}
