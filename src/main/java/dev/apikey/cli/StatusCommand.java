package dev.apikey.cli;

import java.time.Duration;
import dev.apikey.core.Printable;
import dev.apikey.core.StatusReport;
import dev.apikey.core.SecretStore;
import dev.apikey.term.Style;
import dev.apikey.term.Times;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status",
        description = {"Report secret store health, keys expiring or due, pending revocations and recovery files.",
            "It changes nothing. With --check, exit 8 when anything needs action (for cron and CI)."},
        footerHeading = "%nExamples:%n",
        footer = {"  apikey status", "  apikey status --check --warn 30d || notify-send 'API keys need attention'"})
final class StatusCommand extends BaseCommand {

    @Option(names = "--check", description = "Exit 8 when anything needs action.")
    boolean check;

    @Option(names = "--warn", paramLabel = "DURATION", defaultValue = "14d",
            description = "Report keys expiring within this time (default: ${DEFAULT-VALUE}).")
    Duration warn;

    StatusCommand(CliContext context) {
        super(context);
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
