package dev.apikey.core;

/** The user cancelled: Ctrl-C or a declined prompt. */
public class CancelledException extends ApikeyException {
    public CancelledException(String message) {
        super(message);
    }

    public CancelledException(String message, String hint) {
        super(message, hint);
    }

    public CancelledException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
