package dev.apikey.cli;

import static dev.apikey.cli.CommandModel.names;

import dev.apikey.core.KeyRecord;
import dev.apikey.core.KeyRef;
import dev.apikey.core.KeyTargets;
import dev.apikey.core.Target;
import dev.apikey.term.Style;
import dev.apikey.term.Table;
import dev.apikey.term.Times;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

final class TargetCommand extends BaseCommand {
    private static final String DESTINATIONS =
            "Where: github:OWNER/REPO, github:OWNER/REPO@ENV, github-org:ORG, gitlab:PROJECT or dotenv:PATH.";

    private TargetCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        CommandSpec target = CommandModel.of("target", new TargetCommand(context))
                .description("Where a key's secret is delivered: CI secrets, CI/CD variables, dotenv files.",
                        "Targets are written by 'apikey sync' and whenever the secret changes (create, import, rotate);",
                        "a rotation revokes the old secret only once every target holds the new one.")
                .examples("  apikey target add openai/ci-bot github:octo/app",
                        "  apikey target add openai/ci-bot github:octo/app@production --name OPENAI_KEY",
                        "  apikey target add gitlab/deploy gitlab:group/project",
                        "  apikey target add local/my-svc dotenv:./.env",
                        "  apikey target list --json")
                .spec();
        for (CommandSpec sub : List.of(Add.model(context), ListTargets.model(context), Remove.model(context))) {
            target.addSubcommand(sub.name(), new picocli.CommandLine(sub, new DefaultFactoryWhenNeeded()));
        }
        return target;
    }

    @Override
    protected int run() {
        spec.commandLine().usage(context.terminal().err());
        return ExitCode.USAGE.code();
    }

    /** A target as {@code --json} shows it: where, under which name, and how its last write went. */
    record TargetView(String ref, String destination, String name, boolean current, LastWrite lastWrite) {
        record LastWrite(Instant at, String result, String error) {
        }

        static TargetView of(Target t, Optional<KeyRecord> key) {
            Target.Write w = t.lastWrite();
            return new TargetView(t.ref().toString(), t.destination(), t.name(),
                    key.map(k -> t.holdsSecretSince(k.currentSince())).orElse(false),
                    w == null ? null : new LastWrite(w.at(), w.result(), w.detail()));
        }
    }

    static final class Add extends BaseCommand {
        KeyRef ref;
        String dest;
        String name;

        private Add(CliContext context) {
            super(context);
        }

        static CommandSpec model(CliContext context) {
            Add add = new Add(context);
            return CommandModel.of("add", add)
                    .description("Deliver a key's secret to a destination.", DESTINATIONS,
                            "It is written by the next 'apikey sync' and by every change of the secret.")
                    .examples("  apikey target add openai/ci-bot github:octo/app",
                            "  apikey target add local/my-svc dotenv:.env --name API_KEY")
                    .key(v -> add.ref = v)
                    .parameter("1", "1", "DEST", "The destination.", String.class, v -> add.dest = v)
                    .option(names("--name"), "NAME", "The secret's or variable's name there (default: the key's exec "
                            + "variable).", String.class, v -> add.name = v)
                    .spec();
        }

        @Override
        protected int run() {
            KeyRef keyRef = ref;
            Target t = new KeyTargets(workspace()).add(keyRef, dest, name);
            info("Added target " + t.destination() + " (" + t.name() + ") to " + keyRef
                    + "; 'apikey sync " + keyRef + "' writes it now");
            if (output().json()) {
                output().printJson(TargetView.of(t, workspace().keys().find(keyRef)));
            }
            return ExitCode.OK.code();
        }
    }

    static final class ListTargets extends BaseCommand {
        KeyRef ref;

        private ListTargets(CliContext context) {
            super(context);
        }

        static CommandSpec model(CliContext context) {
            ListTargets list = new ListTargets(context);
            return CommandModel.of("list", list)
                    .description("List targets with their last write.")
                    .examples("  apikey target list", "  apikey target list openai/ci-bot --json")
                    .parameter("0", "0..1", "REF", "Only this key's targets.", KeyRef.class, v -> list.ref = v)
                    .spec();
        }

        @Override
        protected int run() {
            KeyRef keyRef = ref;
            List<Target> targets = new KeyTargets(workspace()).list(keyRef);
            List<TargetView> views = targets.stream().map(t -> TargetView.of(t, workspace().keys().find(t.ref()))).toList();
            if (output().json()) {
                output().printJson(views);
                return ExitCode.OK.code();
            }
            Table table = new Table("REF", "DESTINATION", "NAME", "STATE", "WRITTEN");
            Times times = output().times();
            for (TargetView v : views) {
                String state = v.current() ? "current" : v.lastWrite() == null ? "never written"
                        : Target.Write.FAILED.equals(v.lastWrite().result()) ? "failed" : "older secret";
                table.row(new String[] {null, null, null, v.current() ? Style.GREEN : Style.YELLOW, null},
                        v.ref(), v.destination(), v.name(), state, v.lastWrite() == null ? "" : times.format(v.lastWrite().at()));
            }
            output().print(table);
            return ExitCode.OK.code();
        }
    }

    static final class Remove extends BaseCommand {
        KeyRef ref;
        String dest;

        private Remove(CliContext context) {
            super(context);
        }

        static CommandSpec model(CliContext context) {
            Remove remove = new Remove(context);
            return CommandModel.of("remove", remove)
                    .description("Stop delivering a key's secret to a destination.",
                            "What the destination holds stays there; delete it there if it should go.")
                    .examples("  apikey target remove openai/ci-bot github:octo/app")
                    .key(v -> remove.ref = v)
                    .parameter("1", "1", "DEST", "The destination.", String.class, v -> remove.dest = v)
                    .spec();
        }

        @Override
        protected int run() {
            KeyRef keyRef = ref;
            Target t = new KeyTargets(workspace()).remove(keyRef, dest);
            info("Removed target " + t.destination() + " from " + keyRef + " (what it holds there stays)");
            if (output().json()) {
                output().printJson(TargetView.of(t, workspace().keys().find(keyRef)));
            }
            return ExitCode.OK.code();
        }
    }
}
