package dev.apikey.store;

import dev.apikey.core.KeyRef;

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

    @Override
    public String toString() {
        return service + ":" + account;
    }
}
