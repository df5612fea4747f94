package dev.apikey.store;

import java.util.Optional;

/**
 * Where the encrypted file store's derived key may already be held, so that a command neither asks
 * for the passphrase nor derives the key again: the agent started by {@code apikey unlock}. The key
 * is asked for by the store header's {@linkplain EncryptedFileSecretStore#headerBinding() binding},
 * so a key unlocked for one file is never offered for another; the store proves it against the
 * file's check value before using it.
 */
public interface UnlockedKeys {
    UnlockedKeys NONE = binding -> Optional.empty();

    /** A copy of the key held for a store with this header binding, or empty. */
    Optional<byte[]> find(byte[] headerBinding);

    /** Whether, and until when, the store is unlocked, for {@code status}; null to say nothing. */
    default String describe() {
        return null;
    }
}
