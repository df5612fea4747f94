package dev.apikey.provider;

import dev.apikey.core.NotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Resolves a provider name: a provider the user added, else a built-in type of that name with its
 * defaults ({@code openai} works without {@code provider add}). {@code local} always exists.
 */
public final class Providers {
    private final ProviderTypes types;
    private final Supplier<List<ProviderConfig>> configured;
    private final Function<String, Optional<ProviderConfig>> find;
    private final Function<ProviderConfig, ProviderContext> contexts;
    private final Map<String, Provider> opened = new HashMap<>();

    public Providers(ProviderTypes types, Supplier<List<ProviderConfig>> configured,
                     Function<String, Optional<ProviderConfig>> find, Function<ProviderConfig, ProviderContext> contexts) {
        this.types = types;
        this.configured = configured;
        this.find = find;
        this.contexts = contexts;
    }

    public ProviderTypes types() {
        return types;
    }

    public synchronized Provider get(String name) {
        Provider p = opened.get(name);
        if (p == null) {
            ProviderConfig config = config(name);
            ProviderType type = types.find(config.type()).orElseThrow(() -> new NotFoundException(
                    "provider " + name + " has type '" + config.type() + "', which this apikey does not know",
                    "upgrade apikey, or change the provider with 'apikey provider add " + name + " --type TYPE'"));
            ProviderContext context = contexts.apply(config);
            p = ObservedProvider.wrap(type.open(config, context), context.notices());
            opened.put(name, p);
        }
        return p;
    }

    /** The configuration of a provider, added or implicit. */
    public ProviderConfig config(String name) {
        return find.apply(name)
                .or(() -> types.find(name).filter(ProviderType::worksWithoutConfiguration)
                        .map(t -> ProviderConfig.implicit(t.name())))
                .orElseThrow(() -> new NotFoundException("no provider named " + name,
                        "add it with 'apikey provider add " + name + " --type TYPE'; types: " + typeNames()));
    }


    /** Whether a name resolves, without opening anything. */
    public boolean exists(String name) {
        return find.apply(name).isPresent() || types.find(name).filter(ProviderType::worksWithoutConfiguration).isPresent();
    }

    /** The providers the user added, plus {@code local} when it was not redefined. */
    public List<ProviderConfig> listed() {
        List<ProviderConfig> all = new ArrayList<>(configured.get());
        if (all.stream().noneMatch(p -> p.name().equals("local")) && types.find("local").isPresent()) {
            all.add(0, ProviderConfig.implicit("local"));
        }
        return all;
    }

    private String typeNames() {
        return String.join(", ", types.all().stream().map(ProviderType::name).toList());
    }
}
