package dev.apikey.metadata;

import java.time.Duration;

/**
 * User settings in {@code config.json}.
 *
 * @param backend         where new secrets go when neither {@code --backend} nor {@code APIKEY_BACKEND} says
 * @param keychainTimeout the time limit of every keychain call (default 5 s)
 */
public record AppConfig(String backend, Duration keychainTimeout) {
    public static final Duration DEFAULT_KEYCHAIN_TIMEOUT = Duration.ofSeconds(5);
    public static final AppConfig DEFAULTS = new AppConfig(null, null);

    public Duration effectiveKeychainTimeout() {
        return keychainTimeout == null || keychainTimeout.isNegative() || keychainTimeout.isZero()
                ? DEFAULT_KEYCHAIN_TIMEOUT : keychainTimeout;
    }

    public AppConfig withBackend(String b) {
        return new AppConfig(b, keychainTimeout);
    }
}
