package dev.apikey.http;

import dev.apikey.core.CancelledException;
import dev.apikey.core.ProviderUnavailableException;
import dev.apikey.core.ResponseLostException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Network failures (no HTTP response at all) as user-facing errors, exit 6. */
public final class HttpErrors {
    private HttpErrors() {
    }

    /**
     * OkHttp reports its call timeout as a bare {@link InterruptedIOException} with the message
     * "timeout" — a timeout (exit 6), not Ctrl-C. Any other interruption is the user cancelling.
     */
    public static boolean isTimeout(Throwable e) {
        return e instanceof SocketTimeoutException
                || e.getClass() == InterruptedIOException.class && "timeout".equals(e.getMessage());
    }

    public static ProviderUnavailableException noResponse(String what, String host, IOException e) {
        if (e.getClass() == InterruptedIOException.class && !isTimeout(e)) {
            throw new CancelledException("cancelled while waiting for " + host);
        }
        String cause;
        String hint = null;
        // Only these failures prove the request was never sent; after any other, the provider may have acted.
        boolean notSent = e instanceof UnknownHostException || e instanceof ConnectException || e instanceof SSLException;
        if (e instanceof UnknownHostException) {
            cause = "cannot resolve host " + host;
            hint = "check the URL and your network or DNS";
        } else if (isTimeout(e)) {
            cause = "timed out waiting for " + host;
            hint = "the provider may be slow or unreachable; try again later";
        } else if (e instanceof ConnectException) {
            cause = "cannot connect to " + host;
            hint = "check the URL, your network, and HTTPS_PROXY/NO_PROXY";
        } else if (e instanceof SSLException) {
            cause = "TLS failed with " + host + " (" + e.getClass().getSimpleName() + ")";
            hint = "apikey always verifies certificates; check the host name and the proxy";
        } else {
            cause = "connection to " + host + " failed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        }
        return notSent ? new ProviderUnavailableException(what + ": " + cause, hint, e)
                : new ResponseLostException(what + ": " + cause, hint, e);
    }
}
