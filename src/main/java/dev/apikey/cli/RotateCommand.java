package dev.apikey.cli;

import static dev.apikey.cli.CommandModel.flagBuilder;
import static dev.apikey.cli.CommandModel.names;
import static dev.apikey.cli.CommandModel.valueBuilder;

import dev.apikey.core.KeyRef;
import dev.apikey.core.RotateKeys;
import dev.apikey.core.UsageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;

final class RotateCommand extends BaseCommand {
    List<String> refs = new ArrayList<>();
    /** The selection, of which at most one is given (an exclusive group): --due, --older-than, --finish, --resume. */
    boolean due;
    Duration olderThan;
    boolean finish;
    boolean resume;
    Duration grace;
    boolean dryRun;

    private RotateCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        RotateCommand rotate = new RotateCommand(context);
        CommandModel model = CommandModel.of("rotate", rotate)
                .description("Replace keys with new ones.",
                        "Providers with a native rotate call use it; others create a new key, store it, then revoke the old "
                                + "one at once or after --grace.")
                .examples("  apikey rotate local/my-service",
                        "  apikey rotate openai/ci-bot --grace 1h     # old key works for one more hour",
                        "  apikey rotate --due --dry-run",
                        "  apikey rotate --older-than 90d",
                        "  apikey rotate --finish                     # revoke old keys whose grace is over",
                        "  apikey rotate --resume                     # complete or roll back interrupted rotations")
                .parameters("0", "0..*", "REF", "Keys to rotate, PROVIDER/NAME.", () -> rotate.refs, v -> rotate.refs = v)
                .option(names("--grace"), "DURATION", "Keep the old key working this long.", Duration.class,
                        v -> rotate.grace = v)
                .flag(names("--dry-run"), "Only list what would rotate.", v -> rotate.dryRun = v);
        model.spec().addArgGroup(ArgGroupSpec.builder().exclusive(true).multiplicity("0..1")
                .addArg(flagBuilder(names("--due"), "Every key past its own or its provider's maxAge.", v -> rotate.due = v)
                        .build())
                .addArg(valueBuilder(names("--older-than"), "DURATION", "Every key at least this old.", Duration.class,
                        v -> rotate.olderThan = v).build())
                .addArg(flagBuilder(names("--finish"), "Revoke replaced keys whose grace period is over.",
                        v -> rotate.finish = v).build())
                .addArg(flagBuilder(names("--resume"), "Complete or roll back interrupted creates and rotations.",
                        v -> rotate.resume = v).build())
                .build());
        return model.spec();
    }

    private boolean selected() {
        return due || olderThan != null || finish || resume;
    }

    @Override
    protected int run() {
        RotateKeys rotate = new RotateKeys(workspace());
        List<KeyRef> targets = refs.stream().map(KeyRef::parse).toList();
        List<RotateKeys.Outcome> outcomes;
        if (finish || resume) {
            if (grace != null || dryRun) {
                throw new UsageException((finish ? "--finish" : "--resume") + " takes no --grace or --dry-run");
            }
            outcomes = finish ? rotate.finish(targets) : rotate.resume(targets);
        } else {
            Duration graceDuration = grace;
            if (selected()) {
                if (!targets.isEmpty()) {
                    throw new UsageException("give refs or a selection (--due, --older-than), not both");
                }
                targets = due ? rotate.due() : rotate.olderThan(olderThan);
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
