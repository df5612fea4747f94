package dev.apikey.provider;

import dev.apikey.provider.declarative.DeclaredProviderType;
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

    /** The built-in types. Those written as definitions read them only when first used. */
    public static ProviderTypes builtIn() {
        java.util.List<ProviderType> types = new java.util.ArrayList<>();
        types.add(new LocalProviderType());
        types.add(DeclaredProviderType.http());
        for (String name : BUILT_IN_DEFINITIONS) {
            types.add(DeclaredProviderType.builtIn(name));
        }
        return new ProviderTypes(types);
    }

    /** The built-in types written in the definition format ({@code dev/apikey/provider/builtin/NAME.json}). */
    static final java.util.List<String> BUILT_IN_DEFINITIONS = java.util.List.of(
            "cloudflare", "gitlab", "openai", "datadog", "sendgrid", "twilio", "npm", "linode");

    public Optional<ProviderType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<ProviderType> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}
