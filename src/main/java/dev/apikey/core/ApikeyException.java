package dev.apikey.core;

/**
 * A failure the user can act on. Each subclass says what kind of failure it is; the command line
 * maps the kind to an exit code in one place. The message never contains a secret.
 */
public class ApikeyException extends RuntimeException {
    private final String hint;

    public ApikeyException(String message) {
        this(message, null, null);
    }

    public ApikeyException(String message, String hint) {
        this(message, hint, null);
    }

    public ApikeyException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user can do about it, or null. */
    public String hint() {
        return hint;
    }
}
