package dev.apikey.cli;

import static dev.apikey.cli.CommandModel.names;
import static dev.apikey.cli.CommandModel.valueBuilder;

import dev.apikey.core.FileStoreUnlock;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;

final class UnlockCommand extends BaseCommand {
    Duration duration;

    private UnlockCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        UnlockCommand unlock = new UnlockCommand(context);
        return CommandModel.of("unlock", unlock)
                .description("Keep the encrypted file store unlocked for this user for a while.",
                        "Asks for the passphrase once; until the time is up or 'apikey lock', commands neither ask for it nor",
                        "derive the key again. The key (never a secret) stays in memory, in an agent behind a private UNIX socket",
                        "in $XDG_RUNTIME_DIR, which answers only this user. Unlocking again extends the time.",
                        "APIKEY_PASSPHRASE and APIKEY_PASSPHRASE_FILE, when set, still win.")
                .examples("  apikey unlock", "  apikey unlock --for 8h", "  apikey lock")
                .add(valueBuilder(names("--for"), "DURATION", "How long to stay unlocked, at most 24h (default: "
                        + "${DEFAULT-VALUE}).", Duration.class, v -> unlock.duration = v).defaultValue("15m"))
                .spec();
    }

    /** What {@code unlock --json} prints. */
    record Result(String store, boolean unlocked, Instant expiresAt, boolean extended, long agentPid, String socket) {
    }

    @Override
    protected int run() {
        Duration ttl = duration;
        FileStoreUnlock.Unlocked u = context.fileStoreUnlock().unlock(ttl);
        info((u.extended() ? "Still unlocked: " : "Unlocked: ") + u.store() + " until " + output().times().format(u.expiresAt())
                + "; 'apikey lock' locks it now");
        if (output().json()) {
            output().printJson(new Result(u.store().toString(), true, u.expiresAt(), u.extended(), u.agentPid(),
                    u.socket().toString()));
        }
        return ExitCode.OK.code();
    }
}
