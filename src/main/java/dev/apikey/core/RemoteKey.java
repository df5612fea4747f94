package dev.apikey.core;

import java.time.Instant;

/**
 * A key as the provider lists it: no secret, at most a redacted hint.
 *
 * @param status     the provider's own status of the key ({@code Active}, {@code Inactive}), or null
 * @param lastUsedAt when the provider last saw the key used, or null when never or not told
 */
public record RemoteKey(String id, String name, String description, Instant createdAt, Instant expiresAt, String hint,
                        String status, Instant lastUsedAt) {

    public RemoteKey(String id, String name, String description, Instant createdAt, Instant expiresAt, String hint) {
        this(id, name, description, createdAt, expiresAt, hint, null, null);
    }

    /** Whether the key carries a create's recovery marker in its name or description. */
    public boolean carries(String marker) {
        return marker != null && !marker.isEmpty()
                && (name != null && name.contains(marker) || description != null && description.contains(marker));
    }
}
