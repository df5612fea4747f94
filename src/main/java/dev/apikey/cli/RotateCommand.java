package dev.apikey.cli;

import dev.apikey.core.KeyRef;
import dev.apikey.core.RotateKeys;
import dev.apikey.core.UsageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rotate",
        description = {"Replace keys with new ones.",
            "Providers with a native rotate call use it; others create a new key, store it, then revoke the old one "
                + "at once or after --grace."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  apikey rotate local/my-service",
            "  apikey rotate openai/ci-bot --grace 1h     # old key works for one more hour",
            "  apikey rotate --due --dry-run",
            "  apikey rotate --older-than 90d",
            "  apikey rotate --finish                     # revoke old keys whose grace is over",
            "  apikey rotate --resume                     # complete or roll back interrupted rotations",
        })
final class RotateCommand extends BaseCommand {

    @Parameters(paramLabel = "REF", arity = "0..*", description = "Keys to rotate, PROVIDER/NAME.")
    List<String> refs = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Selection selection;

    static final class Selection {
        @Option(names = "--due", description = "Every key past its own or its provider's maxAge.")
        boolean due;

        @Option(names = "--older-than", paramLabel = "DURATION", description = "Every key at least this old.")
        Duration olderThan;

        @Option(names = "--finish", description = "Revoke replaced keys whose grace period is over.")
        boolean finish;

        @Option(names = "--resume", description = "Complete or roll back interrupted creates and rotations.")
        boolean resume;
    }

    @Option(names = "--grace", paramLabel = "DURATION", description = "Keep the old key working this long.")
    Duration grace;

    @Option(names = "--dry-run", description = "Only list what would rotate.")
    boolean dryRun;

    RotateCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        RotateKeys rotate = new RotateKeys(workspace());
        List<KeyRef> targets = refs.stream().map(KeyRef::parse).toList();
        List<RotateKeys.Outcome> outcomes;
        if (selection != null && (selection.finish || selection.resume)) {
            if (grace != null || dryRun) {
                throw new UsageException((selection.finish ? "--finish" : "--resume") + " takes no --grace or --dry-run");
            }
            outcomes = selection.finish ? rotate.finish(targets) : rotate.resume(targets);
        } else {
            Duration graceDuration = grace;
            if (selection != null) {
                if (!targets.isEmpty()) {
                    throw new UsageException("give refs or a selection (--due, --older-than), not both");
                }
                targets = selection.due ? rotate.due() : rotate.olderThan(selection.olderThan);
            } else if (targets.isEmpty()) {
                throw new UsageException("nothing to rotate", "name keys, or use --due or --older-than");
            }
            if (targets.size() > 1) {
                info((dryRun ? "Would rotate " : "Rotating ") + targets.size() + " keys");
            }
            outcomes = rotate.rotate(targets, graceDuration, dryRun);
        }
        return report(outcomes);
    }

    private int report(List<RotateKeys.Outcome> outcomes) {
        int exit = ExitCode.OK.code();
        List<Result> results = new ArrayList<>();
        for (RotateKeys.Outcome o : outcomes) {
            results.add(Result.of(o));
            if (o.error() != null) {
                int code = context.errors().report(o.ref().toString(), o.error());
                if (exit == ExitCode.OK.code()) {
                    exit = code;
                }
                continue;
            }
            info(switch (o.state()) {
                case RotateKeys.Outcome.PLANNED -> "Would rotate " + o.ref()
                        + (o.revokeAfter() == null ? "" : " (old key revoked after " + o.revokeAfter() + ")");
                case RotateKeys.Outcome.FINISHED -> "Revoked the replaced key " + o.oldId() + " of " + o.ref();
                case RotateKeys.Outcome.COMPLETED, RotateKeys.Outcome.ROLLED_BACK -> o.ref() + ": " + o.detail();
                default -> "Rotated " + o.ref() + (o.revokeAfter() == null ? ""
                        : "; the old key works until " + o.revokeAfter() + ", then 'apikey rotate --finish' revokes it");
            });
        }
        if (outcomes.isEmpty()) {
            info("Nothing to do");
        }
        if (output().json()) {
            output().printJson(results);
        }
        return exit;
    }

    /** One key's outcome in {@code --json}. */
    record Result(String ref, String result, String oldId, String newId, Instant revokeAfter, String detail,
                  String error) {
        static Result of(RotateKeys.Outcome o) {
            return new Result(o.ref().toString(), o.state(), o.oldId(), o.newId(), o.revokeAfter(), o.detail(),
                    o.error() == null ? null : o.error().getMessage());
        }
    }
}
