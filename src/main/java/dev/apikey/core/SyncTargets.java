package dev.apikey.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code apikey sync}: writes each key's current secret to every one of its targets now. Idempotent:
 * running it twice leaves every target as once. A key whose rotation stopped at its target writes
 * is completed ({@code rotate --resume}), so the old secret is revoked once every target holds the new one.
 */
public final class SyncTargets {
    private final Workspace ws;

    public SyncTargets(Workspace ws) {
        this.ws = ws;
    }

    /**
     * One target's result. {@code state} is {@link #WRITTEN}, {@link #PLANNED} or {@link #FAILED}
     * (with {@code error}); {@code current} says whether the target held the current secret before.
     */
    public record Outcome(KeyRef ref, String destination, String name, String state, boolean current,
                          ApikeyException error) {
        public static final String WRITTEN = "written";
        public static final String PLANNED = "would-write";
        public static final String FAILED = "failed";
    }

    /** Syncs the targets of {@code refs}, or of every key that has targets when empty. */
    public List<Outcome> run(List<KeyRef> refs, boolean dryRun) {
        Set<KeyRef> keys = new LinkedHashSet<>(refs);
        if (refs.isEmpty()) {
            ws.targets().all().forEach(t -> keys.add(t.ref()));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (KeyRef ref : keys) {
            List<Target> targets = ws.targets().of(ref);
            try {
                KeyRecord record = ws.keys().require(ref);
                if (record.revokedAt() != null) {
                    throw new UsageException(ref + " was revoked; its targets are not written",
                            "remove them with 'apikey target remove', or create a new key");
                }
                if (dryRun) {
                    targets.forEach(t -> outcomes.add(new Outcome(ref, t.destination(), t.name(), Outcome.PLANNED,
                            t.holdsSecretSince(record.currentSince()), null)));
                } else {
                    outcomes.addAll(sync(record, targets));
                }
            } catch (ApikeyException e) {
                targets.forEach(t -> outcomes.add(new Outcome(ref, t.destination(), t.name(), Outcome.FAILED, false, e)));
                if (targets.isEmpty()) {
                    outcomes.add(new Outcome(ref, null, null, Outcome.FAILED, false, e));
                }
            }
        }
        return outcomes;
    }

    private List<Outcome> sync(KeyRecord record, List<Target> before) {
        KeyRef ref = record.ref();
        RotationJournal journal = ws.journal();
        if (journal.find(ref).filter(e -> !journal.ownerAlive(e)).isPresent()) {
            // An interrupted change: completing it writes the targets (and then revokes the old key).
            try {
                new ResumeChanges(ws).resume(ref);
            } catch (ActionNeededException targetsFailed) {
                // reported per target below, from what the writes recorded
            }
            KeyRecord now = ws.keys().require(ref);
            return ws.targets().of(ref).stream().map(t -> fromRecorded(t, now, before)).toList();
        }
        // Exclusive, like every change of the key: a rotation cannot store a new secret while an older one is sent.
        JournalEntry entry = journal.begin(new JournalEntry(ref, JournalEntry.Operation.SYNC, JournalEntry.Strategy.LOCAL, null,
                record.backend(), record.id(), record.hint(), null, null, journal.self(), ws.clock().instant(),
                List.of(), List.of()));
        try {
            // Read inside the claim: a rotation that finished just before it changed both.
            KeyRecord claimed = ws.keys().requireCurrent(ref);
            Secret secret = ws.secrets().current(ref, List.of());
            TargetWrites writes = new TargetWrites(ws, entry);
            return writes.writeAll(ref, secret, claimed.currentSince(), "sync").stream()
                    .map(w -> new Outcome(ref, w.target().destination(), w.target().name(),
                            w.ok() ? Outcome.WRITTEN : Outcome.FAILED,
                            before.stream().anyMatch(b -> b.id().equals(w.target().id())
                                    && b.holdsSecretSince(claimed.currentSince())), w.error()))
                    .toList();
        } finally {
            journal.finish(ref);
        }
    }

    private static Outcome fromRecorded(Target t, KeyRecord record, List<Target> before) {
        boolean wasCurrent = before.stream().anyMatch(b -> b.id().equals(t.id()) && b.holdsSecretSince(record.currentSince()));
        boolean ok = t.holdsSecretSince(record.currentSince());
        return new Outcome(t.ref(), t.destination(), t.name(), ok ? Outcome.WRITTEN : Outcome.FAILED, wasCurrent,
                ok ? null : new ApikeyException(t.lastWrite() == null ? "not written" : String.valueOf(t.lastWrite().detail())));
    }
}
