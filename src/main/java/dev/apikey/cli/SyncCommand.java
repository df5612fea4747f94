package dev.apikey.cli;

import static dev.apikey.cli.CommandModel.names;

import dev.apikey.core.KeyRef;
import dev.apikey.core.SyncTargets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

final class SyncCommand extends BaseCommand {
    List<String> refs = new ArrayList<>();
    boolean dryRun;

    private SyncCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        SyncCommand sync = new SyncCommand(context);
        return CommandModel.of("sync", sync)
                .description("Write each key's current secret to all of its targets now (idempotent).",
                        "Completes a rotation that stopped because a target could not be written.")
                .examples("  apikey sync", "  apikey sync openai/ci-bot --dry-run")
                .parameters("0", "0..*", "REF", "The keys (default: every key with targets).", () -> sync.refs, v -> sync.refs = v)
                .flag(names("--dry-run"), "Show what would be written; write nothing.", v -> sync.dryRun = v)
                .spec();
    }

    /** One target's result as {@code --json} shows it. */
    record SyncView(String ref, String destination, String name, String state, boolean wasCurrent, String error) {
    }

    @Override
    protected int run() {
        List<KeyRef> keys = refs.stream().map(KeyRef::parse).toList();
        List<SyncTargets.Outcome> outcomes = new SyncTargets(workspace()).run(keys, dryRun);
        int exit = ExitCode.OK.code();
        for (SyncTargets.Outcome o : outcomes) {
            if (o.error() != null && exit == ExitCode.OK.code()) {
                exit = ExitCode.codeOf(o.error());
            }
            if (!output().json()) {
                String where = o.destination() == null ? "" : " -> " + o.destination() + " (" + o.name() + ")";
                if (o.error() != null) {
                    context.notices().warn(o.ref() + where + ": " + o.error().getMessage());
                } else {
                    info(o.ref() + where + ": " + o.state() + (o.current() ? " (already current)" : ""));
                }
            }
        }
        if (output().json()) {
            output().printJson(outcomes.stream().map(o -> new SyncView(o.ref().toString(), o.destination(), o.name(),
                    o.state(), o.current(), o.error() == null ? null : o.error().getMessage())).toList());
        } else if (outcomes.isEmpty()) {
            info("no targets to write; add one with 'apikey target add REF DEST'");
        }
        if (exit != ExitCode.OK.code() && !output().json()) {
            context.terminal().err().println("hint: fix the destination or its credential, then run 'apikey sync' again");
        }
        return exit;
    }
}
