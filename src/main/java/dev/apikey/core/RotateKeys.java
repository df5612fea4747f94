package dev.apikey.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@code apikey rotate}: choose keys (by name, {@code --due}, {@code --older-than}), rotate them —
 * several at once, up to {@link #PARALLELISM} — finish grace periods, and resume interrupted changes.
 * Each key succeeds or fails on its own: one failure does not stop the others.
 */
public final class RotateKeys {
    /** Keys rotated at the same time: enough to hide provider latency, few enough to respect rate limits. */
    public static final int PARALLELISM = 4;

    private final Workspace ws;

    public RotateKeys(Workspace ws) {
        this.ws = ws;
    }

    /** What happened to one key. {@code error} is set when {@code state} is {@code failed}. */
    public record Outcome(KeyRef ref, String state, String oldId, String newId, Instant revokeAfter,
                          ApikeyException error, String detail) {
        public static final String ROTATED = "rotated";
        public static final String PLANNED = "would-rotate";
        public static final String FINISHED = "revoked";
        public static final String COMPLETED = "completed";
        public static final String ROLLED_BACK = "rolled-back";
        public static final String FAILED = "failed";

        static Outcome failed(KeyRef ref, ApikeyException e) {
            return new Outcome(ref, FAILED, null, null, null, e, null);
        }
    }

    /** The keys whose age has reached their own or their provider's {@code maxAge}. */
    public List<KeyRef> due() {
        Instant now = ws.clock().instant();
        List<KeyRef> due = new ArrayList<>();
        for (KeyRecord r : ws.keys().all()) {
            if (r.revokedAt() != null) {
                continue;
            }
            Optional<Duration> maxAge = maxAgeOf(r);
            if (maxAge.isPresent() && !r.currentSince().plus(maxAge.get()).isAfter(now)) {
                due.add(r.ref());
            }
        }
        return due;
    }

    /**
     * How old a key may get before {@code --due} picks it: the key's own {@code --max-age}, else the
     * provider's {@code maxAge} parameter, else the provider type's recommendation.
     */
    public Optional<Duration> maxAgeOf(KeyRecord r) {
        if (r.maxAge() != null) {
            return Optional.of(r.maxAge());
        }
        if (!ws.providers().exists(r.ref().provider())) {
            return Optional.empty();
        }
        String configured = ws.providers().config(r.ref().provider()).params().get("maxAge");
        if (configured != null) {
            return Optional.of(Durations.parse(configured));
        }
        return ws.providers().get(r.ref().provider()).maxAge();
    }

    /** The keys whose current secret is at least {@code age} old. */
    public List<KeyRef> olderThan(Duration age) {
        Instant cutoff = ws.clock().instant().minus(age);
        return ws.keys().all().stream()
                .filter(r -> r.revokedAt() == null && !r.currentSince().isAfter(cutoff))
                .map(KeyRecord::ref).toList();
    }

    public List<Outcome> rotate(List<KeyRef> refs, Duration grace, boolean dryRun) {
        if (dryRun) {
            return each(refs, ref -> plan(ref, grace));
        }
        KeyRotation rotation = new KeyRotation(ws);
        return each(refs, ref -> {
            try {
                return rotation.rotate(ref, grace);
            } catch (ApikeyException e) {
                ws.audit().record(AuditEvent.of(ws.clock().instant(), "rotate", ref, null, "failed")
                        .withDetail(e.getMessage()));
                throw e;
            }
        });
    }

    /** Completes or rolls back interrupted changes; with no refs, every one there is. */
    public List<Outcome> resume(List<KeyRef> refs) {
        ResumeChanges resume = new ResumeChanges(ws);
        return each(refs.isEmpty() ? resume.pending() : refs, resume::resume);
    }

    /** Revokes the replaced keys whose grace period is over; with no refs, of every key. */
    public List<Outcome> finish(List<KeyRef> refs) {
        Instant now = ws.clock().instant();
        List<KeyRecord> records = refs.isEmpty() ? ws.keys().all() : refs.stream().map(ws.keys()::require).toList();
        List<Outcome> outcomes = new ArrayList<>();
        for (KeyRecord record : records) {
            for (KeyRecord.PendingRevocation p : record.pendingRevocations()) {
                if (p.deadline().isAfter(now)) {
                    continue;
                }
                try {
                    ws.journal().requireNone(record.ref());
                    revokePending(record.ref(), p);
                    outcomes.add(new Outcome(record.ref(), Outcome.FINISHED, p.id(), record.id(), p.deadline(), null, null));
                } catch (ApikeyException e) {
                    outcomes.add(new Outcome(record.ref(), Outcome.FAILED, p.id(), record.id(), p.deadline(), e, null));
                }
            }
        }
        return outcomes;
    }

    /**
     * Runs one operation per key, up to {@link #PARALLELISM} at a time, and returns the outcomes in
     * the order of the keys. Progress goes to stderr when there are several.
     */
    private List<Outcome> each(List<KeyRef> refs, Function<KeyRef, Outcome> operation) {
        if (refs.size() <= 1) {
            return refs.stream().map(ref -> guarded(ref, operation)).toList();
        }
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLELISM, refs.size()), r -> {
            Thread t = new Thread(r, "apikey-rotate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (KeyRef ref : refs) {
                futures.add(pool.submit(() -> {
                    Outcome o = guarded(ref, operation);
                    ws.notices().info("[" + done.incrementAndGet() + "/" + refs.size() + "] " + o.ref() + ": " + o.state());
                    return o;
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome guarded(KeyRef ref, Function<KeyRef, Outcome> operation) {
        try {
            return operation.apply(ref);
        } catch (ApikeyException e) {
            return Outcome.failed(ref, e);
        }
    }

    private Outcome plan(KeyRef ref, Duration grace) {
        KeyRecord record = ws.keys().require(ref);
        ws.journal().requireNone(ref);
        ws.recovery().requireNone(ref);
        refuseGraceForNative(ws.providers().get(ref.provider()), grace);
        Instant after = grace == null ? null : ws.clock().instant().plus(grace);
        return new Outcome(ref, Outcome.PLANNED, record.id(), null, after, null, null);
    }

    private void revokePending(KeyRef ref, KeyRecord.PendingRevocation p) {
        Provider provider = ws.providers().get(ref.provider());
        if (provider.remote() && p.id() != null) {
            try {
                provider.revoke(p.id());
            } catch (NotFoundException gone) {
                // already revoked
            }
        }
        KeyRecord record = ws.keys().require(ref);
        SecretStore store = ws.backends().named(record.backend());
        if (p.secretAccount() != null && store.writable()) {
            store.delete(new SecretId(SecretId.KEY_SERVICE, p.secretAccount()));
        }
        ws.keys().update(keys -> keys.computeIfPresent(ref, (k, r) -> r.withPendingRevocations(
                r.pendingRevocations().stream().filter(x -> !x.equals(p)).toList())));
        ws.audit().record(AuditEvent.of(ws.clock().instant(), "revoke", ref, p.id(), "ok")
                .withDetail("end of grace period"));
    }

    static void refuseGraceForNative(Provider provider, Duration grace) {
        if (grace != null && provider.rotationStyle() == RotationStyle.NATIVE) {
            throw new UsageException("--grace is not possible with " + provider.config().type() + ": its native "
                    + "rotation invalidates the old secret at once", "rotate without --grace");
        }
    }

    static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }
}
