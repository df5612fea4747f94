package dev.apikey.core;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code apikey unlock} and {@code apikey lock}: keep the encrypted file store's derived key (never a
 * secret) available to this user's commands for a while, or take it away now.
 */
public interface FileStoreUnlock {
    /** The default time {@code unlock} keeps the store unlocked. */
    Duration DEFAULT_TIME = Duration.ofMinutes(15);

    /** Until when, by which agent, and whether an unlock still running was extended (no passphrase asked). */
    record Unlocked(Path store, Path socket, Instant expiresAt, long agentPid, boolean extended) {
    }

    /** The outcome of {@code lock}: whether anything was unlocked. */
    record Locked(Path store, Path socket, boolean wasUnlocked) {
    }

    /**
     * Asks for the passphrase and proves it (a wrong one fails before anything is kept), then keeps
     * the key for {@code time}; when already unlocked for this very file, only sets the new time.
     */
    Unlocked unlock(Duration time);

    /** Forgets the key now; not being unlocked is no error. */
    Locked lock();
}
