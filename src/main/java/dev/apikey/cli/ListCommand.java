package dev.apikey.cli;

import static dev.apikey.cli.CommandModel.names;

import dev.apikey.core.KeyRecord;
import dev.apikey.core.KeyStatus;
import dev.apikey.core.ListKeys;
import dev.apikey.term.Style;
import dev.apikey.term.Table;
import dev.apikey.term.Times;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

final class ListCommand extends BaseCommand {
    String provider;
    boolean remote;

    private ListCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        ListCommand list = new ListCommand(context);
        return CommandModel.of("list", list)
                .description("List keys with their metadata (never their secrets).",
                        "With --remote, merge in the provider's own list and mark each key tracked, untracked or missing.")
                .examples("  apikey list",
                        "  apikey list openai --remote",
                        "  apikey list --json | jq -r '.[] | select(.status == \"expired\") | .ref'")
                .parameter("0", "0..1", "PROVIDER", "Only this provider's keys.", String.class, v -> list.provider = v)
                .flag(names("--remote"), "Also ask the provider which keys exist there.", v -> list.remote = v)
                .spec();
    }

    @Override
    protected int run() {
        Instant now = context.clock().instant();
        ListKeys list = new ListKeys(workspace());
        if (!remote) {
            List<KeyRecord> keys = list.local(provider);
            if (output().json()) {
                output().printJsonArray(keys.stream().map(r -> KeyView.of(r, list.statusOf(r, now), null)).toList());
            } else {
                Table table = new Table("REF", "STATUS", "HINT", "CREATED", "EXPIRES", "ROTATED", "BACKEND");
                Times times = output().times();
                for (KeyRecord r : keys) {
                    KeyStatus status = list.statusOf(r, now);
                    table.row(new String[] {null, colour(status), null, null, null, null, null},
                            r.ref().toString(), status.label(), r.hint(), times.format(r.createdAt()),
                            times.format(r.expiresAt()), times.format(r.rotatedAt()), r.backend());
                }
                output().print(table);
            }
            return ExitCode.OK.code();
        }
        if (output().json()) {
            try (Output.JsonArrayStream array = output().jsonArray()) {
                list.remote(provider, e -> array.add(KeyView.of(e, e.local() == null ? null : list.statusOf(e.local(), now), now)));
            }
            return ExitCode.OK.code();
        }
        if (context.terminal().stdoutIsTerminal()) {
            List<KeyView> views = new java.util.ArrayList<>();
            list.remote(provider, e -> views.add(KeyView.of(e, e.local() == null ? null : list.statusOf(e.local(), now), now)));
            // Providers that report a key's own status and last use (AWS) get two more columns.
            boolean reported = views.stream().anyMatch(v -> v.remoteStatus() != null);
            Table table = reported ? new Table("REF", "REMOTE", "ID", "STATUS", "HINT", "CREATED", "EXPIRES", "AT PROVIDER",
                    "LAST USED") : new Table("REF", "REMOTE", "ID", "STATUS", "HINT", "CREATED", "EXPIRES");
            Times times = output().times();
            for (KeyView v : views) {
                if (reported) {
                    table.row(v.ref(), v.remote(), v.id(), v.status(), v.hint(), times.format(v.createdAt()),
                            times.format(v.expiresAt()), v.remoteStatus(),
                            v.remoteStatus() == null ? null : v.lastUsedAt() == null ? "never" : times.format(v.lastUsedAt()));
                } else {
                    table.row(v.ref(), v.remote(), v.id(), v.status(), v.hint(), times.format(v.createdAt()),
                            times.format(v.expiresAt()));
                }
            }
            output().print(table);
        } else {
            // Off a terminal, rows stream as the provider pages them.
            list.remote(provider, e -> {
                KeyView v = KeyView.of(e, e.local() == null ? null : list.statusOf(e.local(), now), now);
                context.terminal().out().println(v.remoteStatus() == null
                        ? Table.separatedLine(v.ref(), v.remote(), v.id(), v.status(), v.hint(), iso(v.createdAt()),
                                iso(v.expiresAt()))
                        : Table.separatedLine(v.ref(), v.remote(), v.id(), v.status(), v.hint(), iso(v.createdAt()),
                                iso(v.expiresAt()), v.remoteStatus(), iso(v.lastUsedAt())));
            });
        }
        return ExitCode.OK.code();
    }

    private static String colour(KeyStatus status) {
        return switch (status) {
            case ACTIVE -> Style.GREEN;
            case EXPIRED, REVOKED -> Style.RED;
            case ROTATING -> Style.YELLOW;
        };
    }

    private static String iso(Instant t) {
        return t == null ? "" : t.toString();
    }
}
