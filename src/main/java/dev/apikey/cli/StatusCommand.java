package dev.apikey.cli;

import static dev.apikey.cli.CommandModel.names;
import static dev.apikey.cli.CommandModel.valueBuilder;

import java.time.Duration;
import dev.apikey.core.Printable;
import dev.apikey.core.StatusReport;
import dev.apikey.core.SecretStore;
import dev.apikey.term.Style;
import dev.apikey.term.Times;
import java.io.PrintStream;
import picocli.CommandLine.Model.CommandSpec;

final class StatusCommand extends BaseCommand {
    boolean check;
    Duration warn;

    private StatusCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        StatusCommand status = new StatusCommand(context);
        return CommandModel.of("status", status)
                .description("Report secret store health, keys expiring or due, pending revocations and recovery files.",
                        "It changes nothing. With --check, exit 8 when anything needs action (for cron and CI).")
                .examples("  apikey status", "  apikey status --check --warn 30d || notify-send 'API keys need attention'")
                .flag(names("--check"), "Exit 8 when anything needs action.", v -> status.check = v)
                .add(valueBuilder(names("--warn"), "DURATION", "Report keys expiring within this time (default: "
                        + "${DEFAULT-VALUE}).", Duration.class, v -> status.warn = v).defaultValue("14d"))
                .spec();
    }

    @Override
    protected int run() {
        StatusReport.Report report = new StatusReport(workspace()).run(warn);
        if (output().json()) {
            output().printJson(report);
        } else {
            PrintStream out = context.terminal().out();
            Style style = output().style();
            Times times = output().times();
            // Details carry file paths, destinations and the stores' and providers' own messages:
            // each is shown escaped (SPEC §4); only the colours are apikey's own control characters.
            out.println("new secrets go to: " + Printable.escape(report.defaultBackend()));
            for (SecretStore.Health h : report.backends()) {
                out.println(Printable.escape(h.backend()) + ": " + (h.available() ? style.colour(Style.GREEN, "ok")
                        : style.colour(Style.RED, "unavailable")) + " (" + Printable.escape(h.detail()) + ")");
            }
            out.println("keys: " + report.keys());
            long stale = report.findings().stream().filter(f -> f.kind().equals(StatusReport.STALE_TARGET)).count();
            if (stale > 0) {
                out.println("targets holding an older secret: " + stale);
            }
            if (!report.actionNeeded() && report.findings().isEmpty()) {
                out.println("nothing needs attention");
            }
            for (StatusReport.Finding f : report.findings()) {
                out.println((f.actionNeeded() ? style.colour(Style.YELLOW, "! ") : "  ") + f.kind()
                        + (f.ref() == null ? "" : " " + Printable.escape(f.ref())) + ": " + Printable.escape(f.detail())
                        + (f.at() == null ? "" : " (" + times.format(f.at()) + ")"));
            }
        }
        return check && report.actionNeeded() ? ExitCode.ACTION_NEEDED.code() : ExitCode.OK.code();
    }
}
