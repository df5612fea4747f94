package dev.apikey.cli;

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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "target",
        description = {"Where a key's secret is delivered: CI secrets, CI/CD variables, dotenv files.",
            "Targets are written by 'apikey sync' and whenever the secret changes (create, import, rotate);",
            "a rotation revokes the old secret only once every target holds the new one."},
        subcommands = {TargetCommand.Add.class, TargetCommand.ListTargets.class, TargetCommand.Remove.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  apikey target add openai/ci-bot github:octo/app",
            "  apikey target add openai/ci-bot github:octo/app@production --name OPENAI_KEY",
            "  apikey target add gitlab/deploy gitlab:group/project",
            "  apikey target add local/my-svc dotenv:./.env",
            "  apikey target list --json",
        })
final class TargetCommand extends BaseCommand {
    private static final String DESTINATIONS =
            "Where: github:OWNER/REPO, github:OWNER/REPO@ENV, github-org:ORG, gitlab:PROJECT or dotenv:PATH.";

    TargetCommand(CliContext context) {
        super(context);
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

    @Command(name = "add", description = {"Deliver a key's secret to a destination.", DESTINATIONS,
                "It is written by the next 'apikey sync' and by every change of the secret."},
            footerHeading = "%nExamples:%n",
            footer = {"  apikey target add openai/ci-bot github:octo/app", "  apikey target add local/my-svc dotenv:.env --name API_KEY"})
    static final class Add extends BaseCommand {
        @Parameters(index = "0", paramLabel = "REF", description = "The key, PROVIDER/NAME.")
        KeyRef ref;

        @Parameters(index = "1", paramLabel = "DEST", description = "The destination.")
        String dest;

        @Option(names = "--name", paramLabel = "NAME",
                description = "The secret's or variable's name there (default: the key's exec variable).")
        String name;

        Add(CliContext context) {
            super(context);
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

    @Command(name = "list", description = "List targets with their last write.",
            footerHeading = "%nExamples:%n",
            footer = {"  apikey target list", "  apikey target list openai/ci-bot --json"})
    static final class ListTargets extends BaseCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "REF", description = "Only this key's targets.")
        KeyRef ref;

        ListTargets(CliContext context) {
            super(context);
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

    @Command(name = "remove", description = {"Stop delivering a key's secret to a destination.",
                "What the destination holds stays there; delete it there if it should go."},
            footerHeading = "%nExamples:%n",
            footer = "  apikey target remove openai/ci-bot github:octo/app")
    static final class Remove extends BaseCommand {
        @Parameters(index = "0", paramLabel = "REF", description = "The key, PROVIDER/NAME.")
        KeyRef ref;

        @Parameters(index = "1", paramLabel = "DEST", description = "The destination.")
        String dest;

        Remove(CliContext context) {
            super(context);
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
