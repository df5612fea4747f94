package dev.apikey.core;

/** Something needs the user's action first, such as an unfinished rotation. */
public class ActionNeededException extends ApikeyException {
    public ActionNeededException(String message) {
        super(message);
    }

    public ActionNeededException(String message, String hint) {
        super(message, hint);
    }

    public ActionNeededException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
