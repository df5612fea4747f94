package dev.apikey.cli;

import static dev.apikey.cli.CommandModel.names;

import dev.apikey.core.KeyRecord;
import dev.apikey.core.KeyRef;
import dev.apikey.core.RevokeKey;
import picocli.CommandLine.Model.CommandSpec;

final class RevokeCommand extends BaseCommand {
    KeyRef ref;
    boolean keepLocal;
    boolean yes;

    private RevokeCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        RevokeCommand revoke = new RevokeCommand(context);
        return CommandModel.of("revoke", revoke)
                .description("Revoke a key at its provider, then forget it here.")
                .examples("  apikey revoke openai/old-bot",
                        "  apikey revoke openai/old-bot --yes --keep-local   # in scripts; keep the record")
                .key(v -> revoke.ref = v)
                .flag(names("--keep-local"), "Keep the key's record here, marked revoked.", v -> revoke.keepLocal = v)
                .yes(v -> revoke.yes = v)
                .spec();
    }

    @Override
    protected int run() {
        KeyRef keyRef = ref;
        workspace().keys().require(keyRef);
        Confirmation.require(context, yes, "revoke " + keyRef + " at the provider?");
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
