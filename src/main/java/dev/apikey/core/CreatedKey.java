package dev.apikey.core;

import java.time.Instant;
import java.util.Map;

/**
 * A key the provider just made, with its secret (which the provider shows only this once).
 *
 * @param params values the key keeps as its parameters, as if given with {@code --param} (the Twilio account a key
 *               was made in, which the management credential named); never secrets
 */
public record CreatedKey(String id, Secret secret, Instant createdAt, Instant expiresAt, Map<String, String> params) {

    public CreatedKey {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public CreatedKey(String id, Secret secret, Instant createdAt, Instant expiresAt) {
        this(id, secret, createdAt, expiresAt, Map.of());
    }
}
