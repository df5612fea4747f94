package dev.apikey.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What apikey knows about a key apart from its secret: kept on disk, shown by {@code list}.
 *
 * @param ref                 the key's reference
 * @param id                  the provider's identifier for the key (null when imported without one)
 * @param backend             the secret store that holds the current secret; the key is always read from there
 * @param origin              how the key came here: {@code created} or {@code imported}
 * @param createdAt           when the current key was first made (or imported)
 * @param rotatedAt           when it was last replaced, or null
 * @param expiresAt           when the provider stops accepting it, or null
 * @param lifetime            the lifetime asked for at creation, kept across rotations, or null
 * @param maxAge              the user's rotation period for this key, or null for the provider's
 * @param description         the user's description, or null
 * @param scopes              the scopes asked for at creation
 * @param params              provider-specific create fields, replayed by rotation
 * @param hint                a redacted form of the current secret
 * @param pendingRevocations  replaced secrets still alive until their deadline
 * @param revokedAt           when it was revoked at the provider and kept here ({@code revoke --keep-local}), or null
 */
public record KeyRecord(
        KeyRef ref,
        String id,
        String backend,
        String origin,
        Instant createdAt,
        Instant rotatedAt,
        Instant expiresAt,
        Duration lifetime,
        Duration maxAge,
        String description,
        List<String> scopes,
        Map<String, String> params,
        String hint,
        List<PendingRevocation> pendingRevocations,
        Instant revokedAt) {

    public static final String CREATED = "created";
    public static final String IMPORTED = "imported";

    public KeyRecord {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        params = params == null ? Map.of() : Map.copyOf(params);
        pendingRevocations = pendingRevocations == null ? List.of() : List.copyOf(pendingRevocations);
    }

    /** The instant the current secret came into being: its last rotation, else its creation. */
    public Instant currentSince() {
        return rotatedAt != null ? rotatedAt : createdAt;
    }

    public KeyStatus status(Instant now) {
        if (revokedAt != null) {
            return KeyStatus.REVOKED;
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return KeyStatus.EXPIRED;
        }
        return KeyStatus.ACTIVE;
    }

    /** The record after the secret was replaced by one with {@code newId}. */
    public KeyRecord rotated(String newId, String newHint, Instant at, Instant newExpiresAt,
                             List<PendingRevocation> pending) {
        return new KeyRecord(ref, newId, backend, origin, createdAt, at, newExpiresAt, lifetime, maxAge,
                description, scopes, params, newHint, pending, revokedAt);
    }

    public KeyRecord withExpiresAt(Instant newExpiresAt) {
        return new KeyRecord(ref, id, backend, origin, createdAt, rotatedAt, newExpiresAt, lifetime, maxAge,
                description, scopes, params, hint, pendingRevocations, revokedAt);
    }

    public KeyRecord withPendingRevocations(List<PendingRevocation> pending) {
        return new KeyRecord(ref, id, backend, origin, createdAt, rotatedAt, expiresAt, lifetime, maxAge,
                description, scopes, params, hint, pending, revokedAt);
    }

    public KeyRecord revoked(Instant at) {
        return new KeyRecord(ref, id, backend, origin, createdAt, rotatedAt, expiresAt, lifetime, maxAge,
                description, scopes, params, hint, pendingRevocations, at);
    }

    /** A replaced key kept alive during a grace period; revoked by {@code rotate --finish}. */
    public record PendingRevocation(String id, String hint, Instant deadline, String secretAccount) {
    }
}
