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
        String variable = id.environmentVariable();
        String fromEnv = environment.get(variable);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            notices.verbose("using " + variable + " from the environment for provider " + config.name());
            Secret secret = Secret.of(fromEnv);
            redactor.register(secret);
            return secret;
        }
        if (config.credentialBackend() != null) {
            var stored = backends.named(config.credentialBackend()).get(id);
            if (stored.isPresent()) {
                redactor.register(stored.get());
                return stored.get();
            }
        }
        throw new CredentialRejectedException("no management credential for provider " + config.name(),
                "run 'apikey provider login " + config.name() + "', or set " + variable);
    }
}
