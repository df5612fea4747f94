package dev.apikey.core;

import java.time.Instant;

/** A key as the provider lists it: no secret, at most a redacted hint. */
public record RemoteKey(String id, String name, String description, Instant createdAt, Instant expiresAt, String hint) {

    /** Whether the key carries a create's recovery marker in its name or description. */
    public boolean carries(String marker) {
        return marker != null && !marker.isEmpty()
                && (name != null && name.contains(marker) || description != null && description.contains(marker));
    }
}
