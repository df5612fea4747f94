package dev.apikey.provider;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A table of provider types, in the order they are listed (the built-in one is assembled by {@code BuiltIns}). */
public final class ProviderTypes {
    private final Map<String, ProviderType> byName = new LinkedHashMap<>();

    public ProviderTypes(Collection<ProviderType> types) {
        for (ProviderType t : types) {
            byName.put(t.name(), t);
        }
    }

    public Optional<ProviderType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<ProviderType> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}
