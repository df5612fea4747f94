package dev.apikey.provider;

import dev.apikey.provider.local.LocalProviderType;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The table of provider types apikey knows, built-ins first. */
public final class ProviderTypes {
    private final Map<String, ProviderType> byName = new LinkedHashMap<>();

    public ProviderTypes(Collection<ProviderType> types) {
        for (ProviderType t : types) {
            byName.put(t.name(), t);
        }
    }

    public static ProviderTypes builtIn() {
        return new ProviderTypes(java.util.List.of(new LocalProviderType()));
    }

    public Optional<ProviderType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<ProviderType> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}
