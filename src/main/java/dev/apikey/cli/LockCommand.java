package dev.apikey.cli;

import dev.apikey.core.FileStoreUnlock;
import picocli.CommandLine.Model.CommandSpec;

final class LockCommand extends BaseCommand {

    private LockCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        return CommandModel.of("lock", new LockCommand(context))
                .description("Lock the encrypted file store now: the agent of 'apikey unlock' forgets the key and exits.",
                        "Not being unlocked is no error.")
                .examples("  apikey lock")
                .spec();
    }

    /** What {@code lock --json} prints. */
    record Result(String store, boolean locked, boolean wasUnlocked) {
    }

    @Override
    protected int run() {
        FileStoreUnlock.Locked l = context.fileStoreUnlock().lock();
        info(l.wasUnlocked() ? "Locked: " + l.store() : "Not unlocked: " + l.store() + " (nothing to lock)");
        if (output().json()) {
            output().printJson(new Result(l.store().toString(), true, l.wasUnlocked()));
        }
        return ExitCode.OK.code();
    }
}
