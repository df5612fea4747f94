package dev.apikey.core;

/** Refused by policy: a key would go to a host it is not bound to, or over plain http. */
public class PolicyException extends ApikeyException {
    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, String hint) {
        super(message, hint);
    }

    public PolicyException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
