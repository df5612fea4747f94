package dev.apikey.core;

import java.util.List;
import java.util.Optional;

/**
 * The origins a stored key may be sent to, kept in the secret store beside its secret. The config
 * directory says where a provider lives; the store, which the config directory cannot rewrite, says
 * where its keys were meant to go. How a binding is encoded in a store is the store side's business.
 */
public interface BindingStore {
    void write(SecretStore store, KeyRef ref, List<String> origins);

    /**
     * The recorded binding, or empty when none is.
     *
     * @throws UnreadableException when the entry is there but cannot be read
     */
    Optional<List<String>> read(SecretStore store, KeyRef ref);

    boolean delete(SecretStore store, KeyRef ref);

    /** A recorded binding that cannot be decoded. */
    final class UnreadableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnreadableException(String message) {
            super(message);
        }
    }
}
