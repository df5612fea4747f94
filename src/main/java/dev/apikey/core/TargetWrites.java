package dev.apikey.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a key's secret to each of its targets and records every write (destination, time, result —
 * never the value) in the target index and the audit log and, during a journaled change, in the
 * journal: a step before each write and one with its result.
 */
final class TargetWrites {
    private final Workspace ws;
    private JournalEntry entry;

    /** @param entry the journal entry of the change the writes belong to, or null when there is none */
    TargetWrites(Workspace ws, JournalEntry entry) {
        this.ws = ws;
        this.entry = entry;
    }

    /** One target's write: {@code error} is null when it succeeded. */
    record Written(Target target, ApikeyException error) {
        boolean ok() {
            return error == null;
        }
    }

    JournalEntry entry() {
        return entry;
    }

    /**
     * Writes {@code secret} — the key's secret since {@code secretSince} — to every target of the key.
     * One failure does not stop the others.
     */
    List<Written> writeAll(KeyRef ref, Secret secret, Instant secretSince, String during) {
        List<Written> results = new ArrayList<>();
        for (Target target : ws.targets().of(ref)) {
            results.add(write(target, secret, secretSince, during));
        }
        return results;
    }

    /**
     * Completes the writes of an interrupted change: the key's stored secret goes to every target
     * that does not hold it yet.
     */
    List<Written> writePending(KeyRef ref, Secret secret, String during) {
        KeyRecord record = ws.keys().require(ref);
        List<Written> results = new ArrayList<>();
        for (Target target : ws.targets().of(ref)) {
            if (!target.holdsSecretSince(record.currentSince())) {
                results.add(write(target, secret, record.currentSince(), during));
            }
        }
        return results;
    }

    private Written write(Target target, Secret secret, Instant secretSince, String during) {
        journal(JournalEntry.StepName.TARGET_WRITING, target);
        ApikeyException error = null;
        try {
            ws.destinations().parse(target.destination()).write(target.name(), secret);
        } catch (ApikeyException e) {
            error = e;
        }
        Instant at = ws.clock().instant();
        Target.Write write = new Target.Write(at, error == null ? Target.Write.OK : Target.Write.FAILED,
                error == null ? null : error.getMessage(), secretSince);
        ws.targets().update(all -> all.computeIfPresent(target.id(), (id, t) -> t.written(write)));
        journal(error == null ? JournalEntry.StepName.TARGET_WRITTEN : JournalEntry.StepName.TARGET_FAILED, target);
        ws.audit().record(AuditEvent.of(at, "target-write", target.ref(), null, write.result())
                .withDetail(target.destination() + " as " + target.name() + " (" + during + ")"
                        + (error == null ? "" : ": " + error.getMessage())));
        return new Written(target.written(write), error);
    }

    private void journal(JournalEntry.StepName step, Target target) {
        if (entry != null) {
            entry = ws.journal().record(entry, new JournalEntry.Step(step, ws.clock().instant(), target.destination(),
                    null, null, null));
        }
    }

    /**
     * Fails with exit 8 when a target was not written, naming each: during a rotation the journal entry
     * stays, so the old secret lives on until {@code sync} or {@code rotate --resume} completes it.
     */
    static void requireAll(KeyRef ref, List<Written> results, String consequence) {
        List<Written> failed = results.stream().filter(w -> !w.ok()).toList();
        if (failed.isEmpty()) {
            return;
        }
        String which = failed.stream().map(w -> w.target().destination() + " (" + w.error().getMessage() + ")")
                .collect(Collectors.joining("; "));
        throw new ActionNeededException((failed.size() == 1 ? "a target of " : failed.size() + " targets of ") + ref
                + " could not be written: " + which + "; " + consequence,
                "fix the destination or its credential, then run 'apikey sync " + ref + "'");
    }
}
