package dev.apikey.cli;

import dev.apikey.core.AuditEvent;
import dev.apikey.core.KeyRef;
import dev.apikey.term.Table;
import dev.apikey.term.Times;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "log",
        description = "Show the local audit log: every create, rotate, revoke, forget and use of a key. Never secrets.",
        footerHeading = "%nExamples:%n",
        footer = {"  apikey log", "  apikey log openai/ci-bot --json"})
final class LogCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "REF", description = "Only this key's events.")
    KeyRef ref;

    LogCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        List<AuditEvent> events = workspace().audit().read(ref);
        if (output().json()) {
            output().printJson(events);
            return ExitCode.OK.code();
        }
        Times times = output().times();
        Table table = new Table("TIME", "ACTION", "REF", "ID", "OUTCOME", "DETAIL");
        for (AuditEvent e : events) {
            String detail = e.detail() != null ? e.detail()
                    : e.origin() != null ? e.origin() + (e.path() == null ? "" : e.path()) : "";
            table.row(times.format(e.time()), e.action(), e.ref(), e.id(), e.outcome(), detail);
        }
        output().print(table);
        return ExitCode.OK.code();
    }
}
