package dev.apikey.store;

import dev.apikey.core.SecretStoreException;

/**
 * There is no keychain to talk to (no D-Bus session, no Secret Service, unsupported platform). Unlike
 * a locked or refusing keychain, this is the one case in which apikey may offer the encrypted file store.
 */
public class KeychainUnreachableException extends SecretStoreException {
    public KeychainUnreachableException(String message, Throwable cause) {
        super(message, KeychainSecretStore.FALLBACK_HINT, cause);
    }
}
