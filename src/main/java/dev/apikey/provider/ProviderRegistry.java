package dev.apikey.provider;

import dev.apikey.core.Provider;
import dev.apikey.core.ProviderConfig;
import dev.apikey.core.NotFoundException;
import dev.apikey.core.Providers;
import dev.apikey.core.UsageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** The providers of an invocation, opened through the table of provider types apikey knows. */
public final class ProviderRegistry implements Providers {
    private final ProviderTypes types;
    private final Supplier<List<ProviderConfig>> configured;
    private final Function<String, Optional<ProviderConfig>> find;
    private final Function<ProviderConfig, ProviderContext> contexts;
    private final Map<String, Provider> opened = new HashMap<>();

    public ProviderRegistry(ProviderTypes types, Supplier<List<ProviderConfig>> configured,
                     Function<String, Optional<ProviderConfig>> find, Function<ProviderConfig, ProviderContext> contexts) {
        this.types = types;
        this.configured = configured;
        this.find = find;
        this.contexts = contexts;
    }

    public ProviderTypes types() {
        return types;
    }

    @Override
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

    @Override
    public ProviderConfig config(String name) {
        return find.apply(name)
                .or(() -> types.find(name).filter(ProviderType::worksWithoutConfiguration)
                        .map(t -> ProviderConfig.implicit(t.name())))
                .orElseThrow(() -> new NotFoundException("no provider named " + name,
                        "add it with 'apikey provider add " + name + " --type TYPE'; types: " + typeNames()));
    }


    @Override
    public boolean exists(String name) {
        return find.apply(name).isPresent() || types.find(name).filter(ProviderType::worksWithoutConfiguration).isPresent();
    }

    @Override
    public List<ProviderConfig> listed() {
        List<ProviderConfig> all = new ArrayList<>(configured.get());
        if (all.stream().noneMatch(p -> p.name().equals("local")) && types.find("local").isPresent()) {
            all.add(0, ProviderConfig.implicit("local"));
        }
        return all;
    }

    @Override
    public void requireType(String type) {
        type(type);
    }

    @Override
    public void check(ProviderConfig config) {
        type(config.type()).check(config);
    }

    private ProviderType type(String name) {
        return types.find(name).orElseThrow(() -> new UsageException("unknown provider type '" + name + "'",
                "types: " + typeNames()));
    }

    private String typeNames() {
        return String.join(", ", types.all().stream().map(ProviderType::name).toList());
    }
}
