package dev.apikey.core;

/** The provider refused the management credential (HTTP 401/403). */
public class CredentialRejectedException extends ApikeyException {
    public CredentialRejectedException(String message) {
        super(message);
    }

    public CredentialRejectedException(String message, String hint) {
        super(message, hint);
    }

    public CredentialRejectedException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
