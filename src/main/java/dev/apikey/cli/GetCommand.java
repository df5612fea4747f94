package dev.apikey.cli;

import dev.apikey.core.KeyRef;
import dev.apikey.core.ReadKey;
import dev.apikey.core.Secret;
import picocli.CommandLine.Model.CommandSpec;

final class GetCommand extends BaseCommand {
    KeyRef ref;

    private GetCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        GetCommand get = new GetCommand(context);
        return CommandModel.of("get", get)
                .description("Print a key's secret to standard output.",
                        "This is the one command that prints a secret; prefer 'apikey exec' and 'apikey request', which never show it.")
                .examples("  apikey get local/my-service",
                        "  curl -H \"Authorization: Bearer $(apikey get local/my-service)\" https://api.mine.dev/")
                .key(v -> get.ref = v)
                .spec();
    }

    @Override
    protected int run() {
        if (output().json()) {
            throw new dev.apikey.core.UsageException("get prints the secret itself and has no JSON form",
                    "secrets never appear in JSON; use 'apikey list --json' for a key's metadata");
        }
        Secret secret = new ReadKey(workspace()).run(ref);
        context.terminal().out().println(secret.reveal());
        return ExitCode.OK.code();
    }
}
