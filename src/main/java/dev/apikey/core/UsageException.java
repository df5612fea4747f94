package dev.apikey.core;

/** The command line was wrong: a bad flag, name or missing confirmation. */
public class UsageException extends ApikeyException {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, String hint) {
        super(message, hint);
    }

    public UsageException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
