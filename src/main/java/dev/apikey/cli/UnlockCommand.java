package dev.apikey.cli;

import dev.apikey.core.FileStoreUnlock;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "unlock",
        description = {"Keep the encrypted file store unlocked for this user for a while.",
            "Asks for the passphrase once; until the time is up or 'apikey lock', commands neither ask for it nor",
            "derive the key again. The key (never a secret) stays in memory, in an agent behind a private UNIX socket",
            "in $XDG_RUNTIME_DIR, which answers only this user. Unlocking again extends the time.",
            "APIKEY_PASSPHRASE and APIKEY_PASSPHRASE_FILE, when set, still win."},
        footerHeading = "%nExamples:%n",
        footer = {"  apikey unlock", "  apikey unlock --for 8h", "  apikey lock"})
final class UnlockCommand extends BaseCommand {

    @Option(names = "--for", paramLabel = "DURATION", defaultValue = "15m",
            description = "How long to stay unlocked, at most 24h (default: ${DEFAULT-VALUE}).")
    Duration duration;

    UnlockCommand(CliContext context) {
        super(context);
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
