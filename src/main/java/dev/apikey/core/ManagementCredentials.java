package dev.apikey.core;

import java.util.Map;

/**
 * A provider's management credential: {@code APIKEY_ADMIN_<PROVIDER>} (for CI), else the one
 * {@code provider login} stored, read from the backend it was stored in.
 */
public final class ManagementCredentials {
    private final SecretStores backends;
    private final Map<String, String> environment;
    private final Notices notices;
    private final Redactor redactor;

    public ManagementCredentials(SecretStores backends, Map<String, String> environment, Notices notices,
                                 Redactor redactor) {
        this.backends = backends;
        this.environment = environment;
        this.notices = notices;
        this.redactor = redactor;
    }

    public Secret get(ProviderConfig config) {
        SecretId id = SecretId.forProvider(config.name());
        return find(config).orElseThrow(() -> new CredentialRejectedException("no management credential for provider "
                + config.name(), "run 'apikey provider login " + config.name() + "', or set "
                + id.environmentVariable()));
    }

    /** The provider's management credential, or empty when none is configured (a store that fails still throws). */
    public java.util.Optional<Secret> find(ProviderConfig config) {
        SecretId id = SecretId.forProvider(config.name());
        String variable = id.environmentVariable();
        if (fromEnvironment(config)) {
            notices.verbose("using " + variable + " from the environment for provider " + config.name());
            Secret secret = Secret.of(environment.get(variable));
            redactor.register(secret);
            return java.util.Optional.of(secret);
        }
        if (config.credentialBackend() != null) {
            var stored = backends.named(config.credentialBackend()).get(id);
            if (stored.isPresent()) {
                redactor.register(stored.get());
                return stored;
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether the credential comes from {@code APIKEY_ADMIN_<PROVIDER>}, which apikey cannot change. */
    public boolean fromEnvironment(ProviderConfig config) {
        String fromEnv = environment.get(SecretId.forProvider(config.name()).environmentVariable());
        return fromEnv != null && !fromEnv.isEmpty();
    }

    /** Replaces the stored management credential (one that was a key, now rotated). */
    public void replaceStored(ProviderConfig config, Secret next) {
        redactor.register(next);
        backends.named(config.credentialBackend()).put(SecretId.forProvider(config.name()), next);
    }
}
