package dev.apikey.core;

/** The secret store is unavailable, locked, timed out, or the passphrase is wrong. */
public class SecretStoreException extends ApikeyException {
    public SecretStoreException(String message) {
        super(message);
    }

    public SecretStoreException(String message, String hint) {
        super(message, hint);
    }

    public SecretStoreException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
