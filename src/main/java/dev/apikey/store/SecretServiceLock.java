package dev.apikey.store;

import dev.apikey.core.SecretStoreException;
import java.io.IOException;
import org.freedesktop.secret.simple.SimpleCollection;

/**
 * Whether the Secret Service's default collection is locked, read from its {@code Locked} property
 * (freedesktop.org Secret Service API, org.freedesktop.Secret.Collection): nothing is written, nothing is
 * unlocked, no prompt is shown. A class of its own so that commands that never ask do not load the
 * secret-service library's simple API.
 */
final class SecretServiceLock {
    private SecretServiceLock() {
    }

    /** @throws SecretStoreException when the Secret Service does not answer */
    static boolean isLocked() {
        try (SimpleCollection defaultCollection = new SimpleCollection()) {
            return defaultCollection.isLocked();
        } catch (IOException | RuntimeException e) {
            throw new SecretStoreException("the keychain did not say whether it is locked ("
                    + JavaKeyringKeychain.describe(e) + ")", KeychainSecretStore.LOCKED_HINT, e);
        }
    }
}
