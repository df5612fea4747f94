package dev.apikey.store;

import dev.apikey.core.SecretStoreException;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;

/**
 * Whether the Secret Service's default collection is locked, read from its {@code Locked} property
 * (freedesktop.org Secret Service API, org.freedesktop.Secret.Collection): nothing is written, nothing is
 * unlocked, no prompt is shown, no secret session is negotiated.
 *
 * <p>java-keyring keeps its D-Bus connection private, so the question goes over a connection of this
 * class's own, which it opens when first asked and closes in {@link #close()}, when the keychain is closed.
 * Not the secret-service library's {@code SimpleCollection}: that one keeps a static connection for the
 * life of the process (closed only by its shutdown hook), and negotiates two encrypted sessions (a
 * Diffie-Hellman exchange each) before it can read one property.
 */
final class SecretServiceLock implements AutoCloseable {
    private static final String SECRET_SERVICE = "org.freedesktop.secrets";
    private static final String DEFAULT_COLLECTION = "/org/freedesktop/secrets/aliases/default";
    private static final String COLLECTION_INTERFACE = "org.freedesktop.Secret.Collection";

    /** Volatile: a question that timed out may still open it on its own thread while the keychain closes. */
    private volatile DBusConnection connection;
    private volatile boolean closed;

    /** @throws SecretStoreException when the Secret Service does not answer */
    boolean isLocked() {
        try {
            Object locked = connection().getRemoteObject(SECRET_SERVICE, DEFAULT_COLLECTION, Properties.class)
                    .Get(COLLECTION_INTERFACE, "Locked");
            if (locked instanceof Boolean b) {
                return b;
            }
            throw new IllegalStateException("its Locked property is " + locked);
        } catch (DBusException | RuntimeException e) {
            throw new SecretStoreException("the keychain did not say whether it is locked ("
                    + JavaKeyringKeychain.describe(e) + ")", KeychainSecretStore.LOCKED_HINT, e);
        }
    }

    private synchronized DBusConnection connection() throws DBusException {
        if (closed) {
            throw new IllegalStateException("the keychain is closed");
        }
        DBusConnection c = connection;
        if (c == null) {
            c = DBusConnectionBuilder.forSessionBus().withShared(false).build();
            connection = c;
            if (closed) { // closed while this connection was being opened: close() may not have seen it
                quietlyClose(c);
                throw new IllegalStateException("the keychain is closed");
            }
        }
        return c;
    }

    /**
     * Closes the connection, if one was opened; never fails. Not synchronized: a question stuck while it
     * connects holds the lock, and closing must not wait for it.
     */
    @Override
    public void close() {
        closed = true;
        DBusConnection c = connection;
        connection = null;
        if (c != null) {
            quietlyClose(c);
        }
    }

    private static void quietlyClose(DBusConnection c) {
        try {
            c.close();
        } catch (Exception e) {
            // Nothing is lost: the process is about to end, and the OS closes the connection then.
        }
    }
}
