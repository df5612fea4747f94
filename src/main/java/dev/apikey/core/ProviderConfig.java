package dev.apikey.core;

import java.util.List;
import java.util.Map;

/**
 * A provider as the user configured it with {@code provider add}; stored in {@code providers.json}.
 *
 * @param name              the user's name for it ({@code openai}, {@code gitlab-work})
 * @param type              the API it speaks: a built-in type or {@code http}
 * @param baseUrl           overrides the type's default base URL (self-hosted, regional, test server), or null
 * @param allowHosts        further hosts its keys may be sent to by {@code request}
 * @param params            type-specific settings (e.g. the GitLab user id, the local key prefix)
 * @param header            overrides the header keys are sent in, or null
 * @param scheme            overrides the header value template, e.g. {@code Bearer {secret}}, or null
 * @param envVar            overrides the variable {@code exec} sets, or null
 * @param credentialBackend the store that holds the management credential, or null when none is stored
 * @param definition        the declarative definition of an {@code http} provider as JSON text, or null
 *                          (stored in {@code providers.json} as a nested object, not a string)
 */
public record ProviderConfig(String name, String type, String baseUrl, List<String> allowHosts,
                             Map<String, String> params, String header, String scheme, String envVar,
                             String credentialBackend, String definition) {

    public ProviderConfig {
        allowHosts = allowHosts == null ? List.of() : List.copyOf(allowHosts);
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** The configuration of a provider named like a built-in type and never added: all defaults. */
    public static ProviderConfig implicit(String type) {
        return new ProviderConfig(type, type, null, List.of(), Map.of(), null, null, null, null, null);
    }

    public ProviderConfig withCredentialBackend(String backend) {
        return new ProviderConfig(name, type, baseUrl, allowHosts, params, header, scheme, envVar, backend, definition);
    }
}
