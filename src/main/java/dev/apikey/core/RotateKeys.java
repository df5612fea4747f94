package dev.apikey.core;

import dev.apikey.provider.CreatedKey;
import dev.apikey.provider.KeySpec;
import dev.apikey.provider.Provider;
import dev.apikey.provider.RotationStyle;
import dev.apikey.store.SecretId;
import dev.apikey.store.SecretStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code apikey rotate}: replace keys. Native rotation where the provider has it; otherwise create the
 * new key, store it as current, and revoke the old one at once or after a grace period. The new
 * secret is always stored before the old one is revoked, and a secret the store refuses goes to a
 * recovery file. Each key is rotated on its own: one failure does not stop the others.
 */
public final class RotateKeys {
    private final Workspace ws;

    public RotateKeys(Workspace ws) {
        this.ws = ws;
    }

    /** What happened to one key. {@code error} is set when {@code state} is {@code failed}. */
    public record Outcome(KeyRef ref, String state, String oldId, String newId, Instant revokeAfter,
                          ApikeyException error) {
        public static final String ROTATED = "rotated";
        public static final String PLANNED = "would-rotate";
        public static final String FINISHED = "revoked";
        public static final String FAILED = "failed";
    }

    /** The keys whose age has reached their own or their provider's {@code maxAge}. */
    public List<KeyRef> due() {
        Instant now = ws.clock().instant();
        List<KeyRef> due = new ArrayList<>();
        for (KeyRecord r : ws.keys().all()) {
            if (r.revokedAt() != null) {
                continue;
            }
            Optional<Duration> maxAge = Optional.ofNullable(r.maxAge());
            if (maxAge.isEmpty() && ws.providers().exists(r.ref().provider())) {
                maxAge = ws.providers().get(r.ref().provider()).maxAge();
            }
            if (maxAge.isPresent() && !r.currentSince().plus(maxAge.get()).isAfter(now)) {
                due.add(r.ref());
            }
        }
        return due;
    }

    /** The keys whose current secret is at least {@code age} old. */
    public List<KeyRef> olderThan(Duration age) {
        Instant cutoff = ws.clock().instant().minus(age);
        return ws.keys().all().stream()
                .filter(r -> r.revokedAt() == null && !r.currentSince().isAfter(cutoff))
                .map(KeyRecord::ref).toList();
    }

    public List<Outcome> rotate(List<KeyRef> refs, Duration grace, boolean dryRun) {
        List<Outcome> outcomes = new ArrayList<>();
        for (KeyRef ref : refs) {
            try {
                outcomes.add(dryRun ? plan(ref, grace) : rotateOne(ref, grace));
            } catch (ApikeyException e) {
                outcomes.add(new Outcome(ref, Outcome.FAILED, null, null, null, e));
                ws.audit().record(AuditEvent.of(ws.clock().instant(), "rotate", ref, null, "failed")
                        .withDetail(e.getMessage()));
            }
        }
        return outcomes;
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
                    revokePending(record.ref(), p);
                    outcomes.add(new Outcome(record.ref(), Outcome.FINISHED, p.id(), record.id(), p.deadline(), null));
                } catch (ApikeyException e) {
                    outcomes.add(new Outcome(record.ref(), Outcome.FAILED, p.id(), record.id(), p.deadline(), e));
                }
            }
        }
        return outcomes;
    }

    private Outcome plan(KeyRef ref, Duration grace) {
        KeyRecord record = ws.keys().require(ref);
        Provider provider = ws.providers().get(ref.provider());
        refuseGraceForNative(provider, grace);
        Instant after = grace == null ? null : ws.clock().instant().plus(grace);
        return new Outcome(ref, Outcome.PLANNED, record.id(), null, after, null);
    }

    private Outcome rotateOne(KeyRef ref, Duration grace) {
        KeyRecord record = ws.keys().require(ref);
        if (record.revokedAt() != null) {
            throw new UsageException(ref + " was revoked", "create a new key with 'apikey create'");
        }
        Provider provider = ws.providers().get(ref.provider());
        refuseGraceForNative(provider, grace);
        SecretStore store = ws.backends().named(record.backend());
        if (!store.writable()) {
            throw new UsageException(ref + " lives in the read-only " + record.backend() + " backend",
                    "rotate it where it is stored");
        }
        store.prepareWrite();
        Instant now = ws.clock().instant();
        // A rotation keeps the key's lifetime: a key made to last 90 days gets a new 90 days.
        Instant expiresAt = record.lifetime() == null ? null : now.plus(record.lifetime());
        KeySpec spec = new KeySpec(ref.name(), record.description(), record.scopes(), expiresAt, record.params(), null);

        Secret old = provider.rotationStyle() == RotationStyle.REPLACE && grace != null
                ? ws.secrets().fromStore(record) : null;
        CreatedKey created = provider.rotationStyle() == RotationStyle.NATIVE
                ? provider.rotate(record.id(), spec)
                : provider.create(spec);
        if (provider.verify(created).map(ok -> !ok).orElse(false)) {
            provider.revoke(created.id());
            throw new ProviderUnavailableException("the provider did not accept the new key of " + ref
                    + "; it was revoked and the old key is unchanged");
        }

        List<KeyRecord.PendingRevocation> pending = new ArrayList<>(record.pendingRevocations());
        Instant revokeAfter = null;
        if (old != null) {
            // Keep the old secret (under its own account) before the new one replaces it.
            String account = ref + "#" + (record.id() == null ? "previous" : record.id());
            store.put(new SecretId(SecretId.KEY_SERVICE, account), old);
            revokeAfter = now.plus(grace);
            pending.add(new KeyRecord.PendingRevocation(record.id(), record.hint(), revokeAfter, account));
        }
        StoredSecrets.storeOrRecover(ws, store, ref, created, "rotate");
        Instant newExpiry = created.expiresAt() != null ? created.expiresAt() : expiresAt;
        KeyRecord next = record.rotated(created.id(), created.secret().hint(), now, newExpiry, pending);
        ws.keys().update(keys -> keys.put(ref, next));

        if (provider.rotationStyle() == RotationStyle.REPLACE && old == null && provider.remote() && record.id() != null) {
            try {
                provider.revoke(record.id());
            } catch (ApikeyException e) {
                // The new key is in place; the old one stays alive until 'rotate --finish' revokes it.
                KeyRecord.PendingRevocation p = new KeyRecord.PendingRevocation(record.id(), record.hint(), now, null);
                ws.keys().update(keys -> keys.computeIfPresent(ref, (k, r) -> r.withPendingRevocations(
                        append(r.pendingRevocations(), p))));
                ws.notices().warn("the old key of " + ref + " could not be revoked (" + e.getMessage()
                        + "); 'apikey rotate --finish " + ref + "' retries");
            }
        }
        ws.audit().record(AuditEvent.of(now, "rotate", ref, created.id(), "ok")
                .withDetail("replaced " + (record.id() == null ? "an imported key" : record.id())
                        + (revokeAfter == null ? "" : ", old key revoked after " + revokeAfter)));
        return new Outcome(ref, Outcome.ROTATED, record.id(), created.id(), revokeAfter, null);
    }

    private void revokePending(KeyRef ref, KeyRecord.PendingRevocation p) {
        Provider provider = ws.providers().get(ref.provider());
        if (provider.remote() && p.id() != null) {
            provider.revoke(p.id());
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

    private static void refuseGraceForNative(Provider provider, Duration grace) {
        if (grace != null && provider.rotationStyle() == RotationStyle.NATIVE) {
            throw new UsageException("--grace is not possible with " + provider.config().type() + ": its native "
                    + "rotation invalidates the old secret at once", "rotate without --grace");
        }
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }
}
