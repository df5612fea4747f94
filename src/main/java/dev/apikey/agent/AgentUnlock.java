package dev.apikey.agent;

import dev.apikey.core.FileStoreUnlock;
import dev.apikey.core.SecretStoreException;
import dev.apikey.core.UsageException;
import dev.apikey.metadata.DirectoryLock;
import dev.apikey.store.EncryptedFileSecretStore;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

/**
 * {@code apikey unlock} and {@code apikey lock}: put the file store's derived key into an agent for a
 * while, or take it away. The passphrase is asked for (and proven) before any agent starts, so a
 * wrong one caches nothing; unlocking again while unlocked extends the time without asking, as
 * {@code sudo -v} does, as long as the agent holds the key of this very file.
 */
public final class AgentUnlock implements FileStoreUnlock {
    private final EncryptedFileSecretStore store;
    private final AgentClient client;
    private final AgentLauncher launcher;

    public AgentUnlock(EncryptedFileSecretStore store, AgentSocket socket, AgentLauncher launcher) {
        this.store = store;
        this.client = new AgentClient(socket);
        this.launcher = launcher;
    }

    @Override
    public Unlocked unlock(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(AgentProtocol.MAX_TTL) > 0) {
            throw new UsageException("--for must be between 1s and 24h", "e.g. --for 15m or --for 8h");
        }
        AgentSocket socket = client.socket();
        byte[] binding = store.headerBinding();
        AgentClient.Answer extended = extendRunning(binding, ttl);
        if (extended != null) {
            return new Unlocked(store.file(), socket.path(), extended.expiresAt(), extended.pid(), true);
        }
        byte[] key = store.deriveKey(); // the prompt, and a wrong passphrase fails here: nothing started
        try {
            socket.prepareDirectory();
            try (DirectoryLock lock = DirectoryLock.acquire(socket.directory())) {
                AgentClient.Answer answer = putRunning(binding, key, ttl);
                long pid;
                if (answer == null) {
                    socket.removeStale();
                    pid = launcher.start(socket);
                    answer = put(binding, key, ttl);
                } else {
                    pid = answer.pid();
                }
                return new Unlocked(store.file(), socket.path(), answer.expiresAt(), pid, false);
            } catch (IOException e) {
                throw new SecretStoreException("cannot replace the stale agent socket " + socket.path() + ": "
                        + e.getClass().getSimpleName(), null, e);
            }
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(binding, (byte) 0);
        }
    }

    @Override
    public Locked lock() {
        AgentSocket socket = client.socket();
        try {
            AgentClient.Answer answer = client.lock();
            return new Locked(store.file(), socket.path(), answer.is(AgentProtocol.LOCKED));
        } catch (AgentClient.UnreachableException e) {
            switch (e.reason) {
                case REFUSED:
                    throw socket.refused(e.getMessage());
                case NO_ANSWER:
                    throw new SecretStoreException(e.getMessage(), "if the agent hangs, end it: kill the process that "
                            + "holds " + socket.path());
                case STALE:
                    try {
                        socket.removeStale();
                    } catch (IOException ignored) {
                        // an unreachable name does no harm
                    }
                    return new Locked(store.file(), socket.path(), false);
                default:
                    return new Locked(store.file(), socket.path(), false);
            }
        }
    }

    /** Extends a running agent that holds this file's key; null when there is none to extend. */
    private AgentClient.Answer extendRunning(byte[] binding, Duration ttl) {
        try {
            AgentClient.Answer a = client.extend(binding, ttl);
            return a.is(AgentProtocol.UNLOCKED) ? a : null;
        } catch (AgentClient.UnreachableException e) {
            return failUnlessAbsent(e);
        }
    }

    /** Gives a running agent the key; null when no agent runs (or only a stale socket is left). */
    private AgentClient.Answer putRunning(byte[] binding, byte[] key, Duration ttl) {
        try {
            return client.put(binding, key, ttl);
        } catch (AgentClient.UnreachableException e) {
            return failUnlessAbsent(e);
        }
    }

    private AgentClient.Answer put(byte[] binding, byte[] key, Duration ttl) {
        try {
            return client.put(binding, key, ttl);
        } catch (AgentClient.UnreachableException e) {
            throw new SecretStoreException("the new agent did not take the key: " + e.getMessage(),
                    "nothing was unlocked; commands keep asking for the passphrase");
        }
    }

    private AgentClient.Answer failUnlessAbsent(AgentClient.UnreachableException e) {
        switch (e.reason) {
            case REFUSED:
                throw client.socket().refused(e.getMessage());
            case NO_ANSWER:
                throw new SecretStoreException(e.getMessage(), "if the agent hangs, end it: kill the process that "
                        + "holds " + client.socket().path());
            default:
                return null;
        }
    }
}
