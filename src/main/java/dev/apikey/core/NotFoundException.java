package dev.apikey.core;

/** No such key or provider, here or at the provider. */
public class NotFoundException extends ApikeyException {
    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, String hint) {
        super(message, hint);
    }

    public NotFoundException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
