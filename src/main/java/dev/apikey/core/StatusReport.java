package dev.apikey.core;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code apikey status}: what needs attention — unavailable stores, keys expired, expiring or due,
 * replaced keys waiting for revocation, recovery files. It changes nothing.
 */
public final class StatusReport {
    private final Workspace ws;

    public StatusReport(Workspace ws) {
        this.ws = ws;
    }

    /** One thing found. {@code actionNeeded} findings make {@code status --check} exit 8. */
    public record Finding(String kind, String ref, String detail, Instant at, boolean actionNeeded) {
    }

    public record Report(String defaultBackend, List<SecretStore.Health> backends, int keys, List<Finding> findings) {
        public boolean actionNeeded() {
            return findings.stream().anyMatch(Finding::actionNeeded)
                    || backends.stream().anyMatch(b -> !b.available());
        }
    }

    /** The finding of a target that does not hold the key's current secret. */
    public static final String STALE_TARGET = "stale-target";

    public Report run(Duration warn) {
        Instant now = ws.clock().instant();
        List<KeyRecord> keys = ws.keys().all();
        Set<String> backendsInUse = new LinkedHashSet<>();
        keys.forEach(k -> backendsInUse.add(k.backend()));
        List<SecretStore.Health> health = new ArrayList<>();
        for (String b : backendsInUse) {
            health.add(ws.backends().named(b).health());
        }
        List<Finding> findings = new ArrayList<>();
        List<KeyRef> due = new RotateKeys(ws).due();
        for (KeyRecord k : keys) {
            String ref = k.ref().toString();
            if (k.revokedAt() != null) {
                continue;
            }
            if (k.expiresAt() != null && !k.expiresAt().isAfter(now)) {
                findings.add(new Finding("expired", ref, "expired", k.expiresAt(), true));
            } else if (k.expiresAt() != null && !k.expiresAt().isAfter(now.plus(warn))) {
                findings.add(new Finding("expiring", ref, "expires within " + Durations.format(warn), k.expiresAt(), true));
            }
            if (due.contains(k.ref())) {
                findings.add(new Finding("due", ref, "older than its maxAge; rotate it", k.currentSince(), true));
            }
            for (Target t : ws.targets().of(k.ref())) {
                if (!t.holdsSecretSince(k.currentSince())) {
                    Target.Write w = t.lastWrite();
                    findings.add(new Finding(STALE_TARGET, ref, t.destination() + " (" + t.name() + ") "
                            + (w == null ? "was never written" : !w.ok() ? "could not be written: " + w.detail()
                            : "holds an older secret") + "; run 'apikey sync " + ref + "'",
                            w == null ? null : w.at(), true));
                }
            }
            for (KeyRecord.PendingRevocation p : k.pendingRevocations()) {
                boolean over = !p.deadline().isAfter(now);
                findings.add(new Finding(over ? "revoke-due" : "pending-revocation", ref,
                        (over ? "grace period over for " : "grace period running for ") + (p.id() == null ? "the old key" : p.id())
                                + (over ? "; run 'apikey rotate --finish'" : ""),
                        p.deadline(), over));
            }
        }
        for (JournalEntry e : ws.journal().all()) {
            boolean running = ws.journal().ownerAlive(e);
            findings.add(new Finding(running ? "in-progress" : "unfinished-" + e.operation(), e.ref().toString(),
                    running ? "being changed by process " + e.owner().pid()
                            : "interrupted after step '" + e.lastStep() + "'; run 'apikey rotate --resume " + e.ref() + "'",
                    e.startedAt(), !running));
        }
        for (Path file : ws.recovery().list()) {
            findings.add(new Finding("recovery-file", null, "a secret waits in " + file
                    + "; run 'apikey rotate --resume'", null, true));
        }
        return new Report(ws.backends().describeChoice(), health, keys.size(), findings);
    }
}
