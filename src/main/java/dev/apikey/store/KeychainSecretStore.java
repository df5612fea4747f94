package dev.apikey.store;

import dev.apikey.core.SecretStore;
import dev.apikey.core.SecretId;
import dev.apikey.core.Secret;
import dev.apikey.core.SecretStoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Secrets in the OS keychain. The keychain is opened on first use only (a D-Bus connection and its
 * encrypted session cost tens of milliseconds), closed when the invocation ends, and every call, the
 * opening and closing included, has a time limit.
 */
public final class KeychainSecretStore implements SecretStore {
    static final String LOCKED_HINT = "unlock the keychain (log in to the desktop session, or run "
            + "'gnome-keyring-daemon --unlock') and try again; or set APIKEY_BACKEND=file";
    static final String FALLBACK_HINT = "set APIKEY_BACKEND=file and APIKEY_PASSPHRASE (or APIKEY_PASSPHRASE_FILE) "
            + "to keep secrets in an encrypted file instead";

    /**
     * The prefix of the marker item's account: not a valid ref, so it can never collide with a key's
     * item. Each process writes its own marker (pid and a random part): parallel invocations sharing
     * one item would delete each other's and fail with a spurious "locked" or "refused" error.
     */
    static final String WRITE_CHECK_ACCOUNT = ".apikey-write-check";

    /**
     * How long closing may take: nothing is lost if it does not finish (the process is ending, and the OS
     * closes the connection), so the user waits no longer for it than the JVM would for its thread.
     */
    static final Duration CLOSE_LIMIT = Duration.ofMillis(500);

    private final Keychain.Opener opener;
    private final TimeLimit timeLimit;
    private final TimeLimit closeLimit;
    private final int maxSecretBytes;
    private Keychain keychain;

    /**
     * @param maxSecretBytes the largest secret the platform stores (Windows Credential Manager: 2,560
     *                       bytes), or 0 for no limit
     */
    public KeychainSecretStore(Keychain.Opener opener, Duration timeLimit, int maxSecretBytes) {
        this.opener = opener;
        this.timeLimit = new TimeLimit(timeLimit, "keychain");
        this.closeLimit = new TimeLimit(timeLimit.compareTo(CLOSE_LIMIT) < 0 ? timeLimit : CLOSE_LIMIT, "keychain");
        this.maxSecretBytes = maxSecretBytes;
    }

    @Override
    public String backend() {
        return Backends.KEYCHAIN;
    }

    /**
     * Whether a keychain exists here. False only when there is none at all; a keychain that is
     * locked or does not answer is reported as an error, never as a reason to use another store.
     */
    public boolean reachable() {
        try {
            keychain();
            return true;
        } catch (KeychainUnreachableException e) {
            return false;
        }
    }

    @Override
    public Optional<Secret> get(SecretId id) {
        Keychain k = keychain();
        String value = timeLimit.call("read " + id, () -> k.get(id.service(), id.account()));
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Secret.of(value));
    }

    @Override
    public void put(SecretId id, Secret secret) {
        int size = secret.reveal().getBytes(StandardCharsets.UTF_8).length;
        if (maxSecretBytes > 0 && size > maxSecretBytes) {
            throw new SecretStoreException("the secret for " + id.account() + " is " + size
                    + " bytes; this keychain stores at most " + maxSecretBytes,
                    "use the encrypted file store for it: --backend file");
        }
        Keychain k = keychain();
        timeLimit.call("write " + id, () -> {
            k.set(id.service(), id.account(), secret.reveal());
            return null;
        });
    }

    /**
     * Writes and removes a marker item. Only a write proves the keychain takes secrets: a locked
     * Secret Service still answers a lookup of a missing item, and fails only when asked to store.
     */
    @Override
    public void prepareWrite() {
        Keychain k = keychain();
        String account = WRITE_CHECK_ACCOUNT + "." + ProcessHandle.current().pid() + "."
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
        timeLimit.call("check", () -> {
            k.set(SecretId.KEY_SERVICE, account, "write check");
            k.delete(SecretId.KEY_SERVICE, account);
            return null;
        });
    }

    @Override
    public boolean delete(SecretId id) {
        Keychain k = keychain();
        return timeLimit.call("delete " + id, () -> k.delete(id.service(), id.account()));
    }

    /**
     * Reachable is not enough: a locked Secret Service answers, then refuses every secret. The keychain is
     * asked whether it is unlocked, within the time limit, and nothing is written: {@code status} changes nothing.
     */
    @Override
    public Health health() {
        try {
            Keychain k = keychain();
            timeLimit.call("check", () -> {
                k.requireUnlocked();
                return null;
            });
            return new Health(backend(), true, "reachable, unlocked");
        } catch (SecretStoreException e) {
            return new Health(backend(), false, e.getMessage());
        }
    }

    /** Closes the keychain's connection, if one was opened, within {@link #CLOSE_LIMIT}; a failure costs nothing. */
    @Override
    public synchronized void close() {
        if (keychain == null) {
            return;
        }
        Keychain k = keychain;
        keychain = null;
        try {
            closeLimit.call("close", () -> {
                k.close();
                return null;
            });
        } catch (RuntimeException e) {
            // The process ends anyway; a connection that did not close in time is closed by the OS.
        }
    }

    private synchronized Keychain keychain() {
        if (keychain == null) {
            keychain = timeLimit.call("open", opener::open);
        }
        return keychain;
    }
}
