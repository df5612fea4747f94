package dev.apikey.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What to create at the provider.
 *
 * @param name        the key's name as apikey knows it
 * @param description the user's description, or null
 * @param scopes      provider scopes, possibly empty
 * @param expiresAt   the expiry, or null for the provider's default
 * @param params      provider-specific fields from {@code --param}
 * @param marker      a unique marker the create must carry (in the remote name or description) so
 *                    that a key whose creation response was lost can be found again, or null
 */
public record KeySpec(String name, String description, List<String> scopes, Instant expiresAt,
                      Map<String, String> params, String marker) {

    public KeySpec {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public KeySpec withMarker(String m) {
        return new KeySpec(name, description, scopes, expiresAt, params, m);
    }
}
