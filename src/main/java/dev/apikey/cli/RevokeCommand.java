package dev.apikey.cli;

import dev.apikey.core.KeyRecord;
import dev.apikey.core.KeyRef;
import dev.apikey.core.RevokeKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "revoke",
        description = "Revoke a key at its provider, then forget it here.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  apikey revoke openai/old-bot",
            "  apikey revoke openai/old-bot --yes --keep-local   # in scripts; keep the record",
        })
final class RevokeCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "REF", description = "The key, PROVIDER/NAME.")
    KeyRef ref;

    @Option(names = "--keep-local", description = "Keep the key's record here, marked revoked.")
    boolean keepLocal;

    @Mixin
    YesOption yes;

    RevokeCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        KeyRef keyRef = ref;
        workspace().keys().require(keyRef);
        Confirmation.require(context, yes.yes, "revoke " + keyRef + " at the provider?");
        KeyRecord record = new RevokeKey(workspace()).run(keyRef, keepLocal);
        info("Revoked " + keyRef + (keepLocal ? " (kept here)" : ""));
        if (output().json()) {
            output().printJson(new Result(keyRef.toString(), record.id(), keepLocal ? "revoked-kept" : "revoked"));
        }
        return ExitCode.OK.code();
    }

    record Result(String ref, String id, String result) {
    }
}
