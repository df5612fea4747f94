package dev.apikey.cli;

import dev.apikey.core.AuditEvent;
import dev.apikey.core.KeyRef;
import dev.apikey.term.Table;
import dev.apikey.term.Times;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

final class LogCommand extends BaseCommand {
    KeyRef ref;

    private LogCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        LogCommand log = new LogCommand(context);
        return CommandModel.of("log", log)
                .description("Show the local audit log: every create, rotate, revoke, forget and use of a key. Never secrets.")
                .examples("  apikey log", "  apikey log openai/ci-bot --json")
                .parameter("0", "0..1", "REF", "Only this key's events.", KeyRef.class, v -> log.ref = v)
                .spec();
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
