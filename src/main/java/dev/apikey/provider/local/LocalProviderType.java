package dev.apikey.provider.local;

import dev.apikey.core.KeyUsage;
import dev.apikey.core.Provider;
import dev.apikey.core.ProviderConfig;
import dev.apikey.provider.ProviderContext;
import dev.apikey.provider.ProviderType;

/** {@code local}: keys minted on this machine, for one's own services and for trying apikey out. */
public final class LocalProviderType implements ProviderType {
    public static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "random keys minted locally; no remote API";
    }

    @Override
    public String defaultBaseUrl() {
        return null;
    }

    @Override
    public KeyUsage defaultUsage() {
        return KeyUsage.BEARER;
    }

    @Override
    public Provider open(ProviderConfig config, ProviderContext context) {
        return new LocalProvider(config, defaultUsage().overriddenBy(config), context);
    }
}
