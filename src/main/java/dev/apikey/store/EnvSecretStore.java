package dev.apikey.store;

import dev.apikey.core.SecretStore;
import dev.apikey.core.SecretId;
import dev.apikey.core.Secret;
import dev.apikey.core.UsageException;
import java.util.Map;
import java.util.Optional;

/**
 * The read-only backend for CI: a key's secret from {@code APIKEY_SECRET_<REF>}, a provider's
 * management credential from {@code APIKEY_ADMIN_<PROVIDER>}.
 */
public final class EnvSecretStore implements SecretStore {
    private final Map<String, String> environment;

    public EnvSecretStore(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String backend() {
        return Backends.ENV;
    }

    @Override
    public Optional<Secret> get(SecretId id) {
        String variable = id.environmentVariable();
        String value = variable == null ? null : environment.get(variable);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Secret.of(value));
    }

    @Override
    public void put(SecretId id, Secret secret) {
        throw readOnly(id);
    }

    @Override
    public boolean delete(SecretId id) {
        throw readOnly(id);
    }

    @Override
    public boolean writable() {
        return false;
    }

    @Override
    public Health health() {
        long n = environment.keySet().stream().filter(k -> k.startsWith("APIKEY_SECRET_")).count();
        return new Health(backend(), true, n + " APIKEY_SECRET_* " + (n == 1 ? "variable" : "variables"));
    }

    private static UsageException readOnly(SecretId id) {
        return new UsageException("the env backend is read-only",
                "choose a writable backend with --backend keychain or --backend file; "
                        + "the env backend only reads " + (id.environmentVariable() == null ? "APIKEY_SECRET_* variables"
                        : id.environmentVariable()));
    }
}
