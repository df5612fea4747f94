package dev.apikey.provider;

import dev.apikey.core.Provider;
import dev.apikey.core.KeyUsage;
import dev.apikey.core.ProviderConfig;
/** A kind of key-management API apikey can speak: a built-in such as {@code openai}, or {@code http}. */
public interface ProviderType {

    String name();

    /** One line for {@code provider list}. */
    String description();

    /** The public base URL, or null when the type has none (as {@code local}). */
    String defaultBaseUrl();

    KeyUsage defaultUsage();

    Provider open(ProviderConfig config, ProviderContext context);

    /**
     * Checks a configuration before {@code provider add} saves it (a definition file, a variant parameter).
     *
     * @throws dev.apikey.core.UsageException naming every problem
     */
    default void check(ProviderConfig config) {
    }

    /**
     * Whether a provider named like this type works without {@code provider add} ({@code openai},
     * {@code local}); false for types that need configuration first ({@code http} needs a definition).
     */
    default boolean worksWithoutConfiguration() {
        return true;
    }
}
