package dev.apikey.metadata;

import dev.apikey.core.ProviderConfig;
import dev.apikey.core.ProviderConfigs;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;

/** The providers the user added, as {@code providers.json}. */
public final class ProviderConfigFile implements ProviderConfigs {
    private final IndexFile<String, ProviderConfig> file;

    public ProviderConfigFile(ConfigDirectory directory, Runnable afterChange) {
        this.file = new IndexFile<>(directory, directory.providersFile(), "providers", MetadataJson.PROVIDER_CONFIG,
                ProviderConfig::name, p -> p.name() != null && p.type() != null, afterChange);
    }

    @Override
    public List<ProviderConfig> all() {
        return file.all();
    }

    @Override
    public Optional<ProviderConfig> find(String name) {
        return file.find(name);
    }

    @Override
    public <T> T update(Function<SortedMap<String, ProviderConfig>, T> change) {
        return file.update(change);
    }
}
