package dev.apikey.core;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;

/** The providers the user added (never secrets). */
public interface ProviderConfigs {
    /** All of them, sorted by name. */
    List<ProviderConfig> all();

    Optional<ProviderConfig> find(String name);

    /**
     * Applies a change to all of them as one transaction: concurrent invocations are serialised, and
     * the file is replaced atomically.
     */
    <T> T update(Function<SortedMap<String, ProviderConfig>, T> change);
}
