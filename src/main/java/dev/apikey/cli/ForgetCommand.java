package dev.apikey.cli;

import dev.apikey.core.ForgetKey;
import dev.apikey.core.KeyRecord;
import dev.apikey.core.KeyRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "forget",
        description = {"Remove a key's secret and metadata from this machine only.",
            "The key stays valid at its provider: revoke it there if it should stop working."},
        footerHeading = "%nExamples:%n",
        footer = {"  apikey forget local/old-service", "  apikey forget local/old-service --yes"})
final class ForgetCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "REF", description = "The key, PROVIDER/NAME.")
    KeyRef ref;

    @Mixin
    YesOption yes;

    ForgetCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        KeyRef keyRef = ref;
        workspace().keys().require(keyRef);
        Confirmation.require(context, yes.yes, "forget " + keyRef + " here (it stays valid at the provider)?");
        KeyRecord record = new ForgetKey(workspace()).run(keyRef);
        info("Forgot " + keyRef);
        if (output().json()) {
            output().printJson(new RevokeCommand.Result(keyRef.toString(), record.id(), "forgotten"));
        }
        return ExitCode.OK.code();
    }
}
