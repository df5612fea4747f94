package dev.apikey.core;

import java.util.List;

/**
 * Resolves a provider name: a provider the user added, else a built-in type of that name with its
 * defaults ({@code openai} works without {@code provider add}). {@code local} always exists.
 */
public interface Providers {
    /** The provider with this name, opened on first use. */
    Provider get(String name);

    /** The configuration of a provider, added or implicit. */
    ProviderConfig config(String name);

    /** Whether a name resolves, without opening anything. */
    boolean exists(String name);

    /** The providers the user added, plus {@code local} when it was not redefined. */
    List<ProviderConfig> listed();

    /** @throws UsageException when this apikey knows no provider type of that name, listing the types */
    void requireType(String type);

    /**
     * Checks a configuration before {@code provider add} saves it, as its type requires (a definition
     * file, a variant parameter).
     *
     * @throws UsageException naming every problem
     */
    void check(ProviderConfig config);
}
