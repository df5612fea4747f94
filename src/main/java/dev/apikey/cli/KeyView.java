package dev.apikey.cli;

import dev.apikey.core.KeyRecord;
import dev.apikey.core.KeyRef;
import dev.apikey.core.KeyStatus;
import dev.apikey.core.ListKeys;
import dev.apikey.core.RemoteKey;
import java.time.Instant;
import java.util.List;

/**
 * A key as {@code --json} shows it. Field names are a stable contract. It is built from metadata
 * only, so it cannot carry a secret.
 */
record KeyView(String ref, String provider, String name, String id, String backend, String origin,
               Instant createdAt, Instant expiresAt, Instant rotatedAt, String status, String hint,
               String description, List<String> scopes, java.time.Duration maxAge, List<Pending> pendingRevocations,
               String remote, String remoteStatus, Instant lastUsedAt) {

    record Pending(String id, String hint, Instant revokeAfter) {
    }

    static KeyView of(KeyRecord r, Instant now) {
        return of(r, r.status(now), null);
    }

    static KeyView of(KeyRecord r, KeyStatus status, String remote) {
        return new KeyView(r.ref().toString(), r.ref().provider(), r.ref().name(), r.id(), r.backend(), r.origin(),
                r.createdAt(), r.expiresAt(), r.rotatedAt(), status.label(), r.hint(), r.description(),
                r.scopes(), r.maxAge(), r.pendingRevocations().stream().map(p -> new Pending(p.id(), p.hint(), p.deadline())).toList(),
                remote, null, null);
    }

    static KeyView of(ListKeys.Entry e, KeyStatus localStatus, Instant now) {
        RemoteKey k = e.remoteKey();
        if (e.local() != null) {
            KeyView v = of(e.local(), localStatus, e.remote() == null ? null : e.remote().label());
            return k == null ? v : v.withRemote(k);
        }
        KeyRef ref = e.ref();
        return new KeyView(ref == null ? null : ref.toString(), ref == null ? null : ref.provider(), k.name(), k.id(),
                null, null, k.createdAt(), k.expiresAt(), null,
                k.expiresAt() != null && !k.expiresAt().isAfter(now) ? "expired" : "active", k.hint(), k.description(),
                List.of(), null, List.of(), e.remote().label(), k.status(), k.lastUsedAt());
    }

    /** The provider's own status and last use of the key, where it tells them (AWS). */
    KeyView withRemote(RemoteKey k) {
        return new KeyView(ref, provider, name, id, backend, origin, createdAt, expiresAt, rotatedAt, status, hint,
                description, scopes, maxAge, pendingRevocations, remote, k.status(), k.lastUsedAt());
    }
}
