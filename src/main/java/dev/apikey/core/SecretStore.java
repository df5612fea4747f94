package dev.apikey.core;

import java.util.Optional;

/**
 * One place secrets are kept. Implementations fail with {@link dev.apikey.core.SecretStoreException}
 * when the store is unavailable, locked, slow or refuses the passphrase, and never fall back silently
 * to another store.
 */
public interface SecretStore {

    /** The backend's name as users choose it: {@code keychain}, {@code file}, {@code env}. */
    String backend();

    Optional<Secret> get(SecretId id);

    void put(SecretId id, Secret secret);

    /** Removes the secret; returns false when there was none. */
    boolean delete(SecretId id);

    /**
     * Makes sure a following {@link #put} can succeed — opens and unlocks the store, asks for a
     * passphrase — so that a locked or missing store is reported before a provider makes a key
     * whose secret would then have nowhere to go.
     */
    default void prepareWrite() {
    }

    /** Whether this store can be written to; the {@code env} backend cannot. */
    default boolean writable() {
        return true;
    }

    /**
     * Lets go of what the store holds open (the keychain's connection), at the end of an invocation.
     * Never fails: nothing is left to lose by then.
     */
    default void close() {
    }

    /** A one-line health report for {@code apikey status}; does not change anything. */
    Health health();

    record Health(String backend, boolean available, String detail) {
    }
}
