package dev.apikey.cli;

import dev.apikey.core.ForgetKey;
import dev.apikey.core.KeyRecord;
import dev.apikey.core.KeyRef;
import picocli.CommandLine.Model.CommandSpec;

final class ForgetCommand extends BaseCommand {
    KeyRef ref;
    boolean yes;

    private ForgetCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        ForgetCommand forget = new ForgetCommand(context);
        return CommandModel.of("forget", forget)
                .description("Remove a key's secret and metadata from this machine only.",
                        "The key stays valid at its provider: revoke it there if it should stop working.")
                .examples("  apikey forget local/old-service", "  apikey forget local/old-service --yes")
                .key(v -> forget.ref = v)
                .yes(v -> forget.yes = v)
                .spec();
    }

    @Override
    protected int run() {
        KeyRef keyRef = ref;
        workspace().keys().require(keyRef);
        Confirmation.require(context, yes, "forget " + keyRef + " here (it stays valid at the provider)?");
        KeyRecord record = new ForgetKey(workspace()).run(keyRef);
        info("Forgot " + keyRef);
        if (output().json()) {
            output().printJson(new RevokeCommand.Result(keyRef.toString(), record.id(), "forgotten"));
        }
        return ExitCode.OK.code();
    }
}
