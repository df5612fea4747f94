package dev.apikey.store;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.KeyringStorageType;
import com.github.javakeyring.PasswordAccessException;
import dev.apikey.core.SecretId;
import dev.apikey.core.SecretStoreException;

/** The OS keychain through java-keyring: macOS Keychain, Windows Credential Manager, Secret Service. */
public final class JavaKeyringKeychain implements Keychain {
    private final Keyring keyring;
    /** Opened on the first lock question only: the Secret Service's, on a connection of its own. */
    private SecretServiceLock secretServiceLock;
    private boolean closed;

    private JavaKeyringKeychain(Keyring keyring) {
        this.keyring = keyring;
    }

    public static Keychain open() {
        try {
            return new JavaKeyringKeychain(Keyring.create());
        } catch (BackendNotSupportedException e) {
            throw new KeychainUnreachableException("no keychain is reachable (" + e.getMessage() + ")", e);
        } catch (RuntimeException | LinkageError e) {
            // dbus-java reports a missing or stale session bus as assorted runtime exceptions.
            throw new KeychainUnreachableException("no keychain is reachable (" + describe(e) + ")", e);
        }
    }

    @Override
    public String get(String service, String account) {
        try {
            return keyring.getPassword(service, account);
        } catch (PasswordAccessException e) {
            // java-keyring reports a missing item and a failed lookup alike; a missing item is the
            // common case, and a real failure shows up again on the next write.
            return null;
        } catch (NullPointerException e) {
            throw locked(e);
        }
    }

    @Override
    public void set(String service, String account, String secret) {
        try {
            keyring.setPassword(service, account, secret);
        } catch (PasswordAccessException e) {
            throw new SecretStoreException("the keychain refused to store " + service + ":" + account
                    + " (" + describe(e) + ")", KeychainSecretStore.LOCKED_HINT, e);
        } catch (NullPointerException e) {
            throw locked(e);
        }
    }

    @Override
    public boolean delete(String service, String account) {
        try {
            if (keyring.getPassword(service, account) == null) {
                return false;
            }
        } catch (PasswordAccessException e) {
            return false;
        } catch (NullPointerException e) {
            throw locked(e);
        }
        try {
            keyring.deletePassword(service, account);
            return true;
        } catch (PasswordAccessException e) {
            throw new SecretStoreException("the keychain refused to delete " + service + ":" + account
                    + " (" + describe(e) + ")", KeychainSecretStore.LOCKED_HINT, e);
        } catch (NullPointerException e) {
            throw locked(e);
        }
    }

    /** Closes java-keyring's connection and the lock question's, if it was asked; never fails. */
    @Override
    public void close() {
        // The lock question's connection first: a java-keyring close that hangs then leaves only its own open.
        SecretServiceLock lock;
        synchronized (this) {
            closed = true;
            lock = secretServiceLock;
        }
        if (lock != null) {
            lock.close();
        }
        try {
            keyring.close();
        } catch (Exception e) {
            // Nothing is lost: the process is about to end, and the OS closes the connection then.
        }
    }

    /**
     * The Secret Service is asked whether its default collection is locked: a lookup would not tell, as a
     * locked collection still answers a search for a missing item, and a write would change the keychain.
     * java-keyring can ask the other platforms' keychains nothing but lookups, so there it is a lookup of
     * an item that cannot exist (its account is no valid ref).
     */
    @Override
    public void requireUnlocked() {
        if (keyring.getKeyringStorageType() == KeyringStorageType.GNOME_KEYRING) { // java-keyring's Secret Service
            if (secretServiceLock().isLocked()) {
                throw locked(null);
            }
            return;
        }
        get(SecretId.KEY_SERVICE, ".apikey-unlocked-check");
    }

    private synchronized SecretServiceLock secretServiceLock() {
        if (closed) {
            // A question whose time ran out and whose worker only now gets here: it would open a connection nothing
            // closes (and the JVM waits for at exit).
            throw new SecretStoreException("the keychain was closed before it was asked whether it is locked", null);
        }
        if (secretServiceLock == null) {
            secretServiceLock = new SecretServiceLock();
        }
        return secretServiceLock;
    }

    /**
     * With the Secret Service, a locked collection makes java-keyring fail with a bare
     * NullPointerException (the unlock prompt it would need returns nothing headless).
     */
    private static SecretStoreException locked(Throwable cause) {
        return new SecretStoreException("the keychain is locked", KeychainSecretStore.LOCKED_HINT, cause);
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
