package dev.apikey.core;

/**
 * Where a secret lives in a store: the keychain's (service, account) pair. Other tools see the same
 * names ({@code secret-tool lookup service apikey account openai/ci-bot}).
 */
public record SecretId(String service, String account) {
    public static final String KEY_SERVICE = "apikey";
    public static final String PROVIDER_SERVICE = "apikey-provider";

    public static SecretId forKey(KeyRef ref) {
        return new SecretId(KEY_SERVICE, ref.toString());
    }

    /** A provider's management credential. */
    public static SecretId forProvider(String provider) {
        return new SecretId(PROVIDER_SERVICE, provider);
    }

    /**
     * The environment variable that may hold this secret in CI ({@code APIKEY_SECRET_<REF>}, a
     * provider's {@code APIKEY_ADMIN_<PROVIDER>}), or null for items the environment cannot hold.
     */
    public String environmentVariable() {
        if (PROVIDER_SERVICE.equals(service)) {
            return "APIKEY_ADMIN_" + KeyRef.toVariablePart(account);
        }
        if (KEY_SERVICE.equals(service)) {
            return "APIKEY_SECRET_" + KeyRef.toVariablePart(account);
        }
        return null; // e.g. origin bindings: never taken from a key's variable
    }

    @Override
    public String toString() {
        return service + ":" + account;
    }
}
