package dev.apikey.core;

/**
 * The request may have reached the provider but no answer came back (a read timeout, a dropped
 * connection). For a create this means a key may exist that apikey never saw: the journal's marker
 * is how it is found again.
 */
public class ResponseLostException extends ProviderUnavailableException {
    public ResponseLostException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
