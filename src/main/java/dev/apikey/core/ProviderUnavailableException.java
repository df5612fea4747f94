package dev.apikey.core;

/** The provider or the network failed, after retries where they were allowed. */
public class ProviderUnavailableException extends ApikeyException {
    public ProviderUnavailableException(String message) {
        super(message);
    }

    public ProviderUnavailableException(String message, String hint) {
        super(message, hint);
    }

    public ProviderUnavailableException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
