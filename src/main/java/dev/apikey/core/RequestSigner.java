package dev.apikey.core;

import java.net.URI;
import java.util.List;

/**
 * Signs a request with a key instead of sending the key (AWS Signature Version 4): only a signature
 * over this exact request leaves the machine, never the secret.
 */
@FunctionalInterface
public interface RequestSigner {

    /**
     * @param headers the headers the request will carry (they are signed)
     * @param body    the exact bytes of the body, empty for none
     * @return the headers that carry the signature
     */
    List<SendRequest.Header> sign(String method, URI url, List<SendRequest.Header> headers, byte[] body);
}
