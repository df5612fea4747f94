package dev.apikey.store;

/**
 * The operating system's keychain, one item per (service, account). The production implementation
 * goes through java-keyring; tests substitute a fake that can be locked, missing or slow.
 * Implementations throw {@link KeychainUnreachableException} when there is no keychain at all and
 * {@link dev.apikey.core.SecretStoreException} for every other failure.
 */
public interface Keychain {

    /** The secret, or null when there is no such item. */
    String get(String service, String account);

    void set(String service, String account, String secret);

    /** Removes the item; returns false when there was none. */
    boolean delete(String service, String account);

    /**
     * Checks, writing nothing, that the keychain is unlocked: that it would hand out and take secrets now.
     *
     * @throws dev.apikey.core.SecretStoreException when it is locked or does not say
     */
    void requireUnlocked();

    /**
     * Lets go of the keychain's connections. With the Secret Service those are D-Bus connections (java-keyring's,
     * and the lock question's if it was asked), each with a reader thread that waits in a native read: left
     * open at exit, the JVM waits up to 300 ms for them before it ends.
     */
    default void close() {
    }

    /** Opens the platform keychain; may be slow (a D-Bus connection), so it is called only when needed. */
    @FunctionalInterface
    interface Opener {
        Keychain open();
    }
}
