package dev.apikey.core;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a secret goes when the provider returned it but the store refused it: a private file, so the
 * secret is never lost. {@code status --check} flags these files and {@code rotate --resume} consumes
 * and deletes them.
 */
public interface RecoveryFiles {
    /** What a recovery file holds. This is the only on-disk form of a secret outside a secret store. */
    record Recovered(String ref, String id, String secret, Instant createdAt, Instant expiresAt, String reason) {
    }

    Path save(KeyRef ref, String id, Secret secret, Instant createdAt, Instant expiresAt, String reason);

    /** Every recovery file, sorted. */
    List<Path> list();

    /**
     * The key a recovery file belongs to, from its content; empty when it was consumed meanwhile.
     *
     * @throws CorruptFileException when it is no recovery file, or not where the key it names keeps its file
     */
    Optional<KeyRef> refOf(Path file);

    /**
     * The key's recovery file, also one an earlier apikey named otherwise.
     *
     * @throws CorruptFileException when it cannot be read, or the file of the key's name holds another key's secret
     */
    Optional<Recovered> read(KeyRef ref);

    /**
     * The key's recovery file, if it has one (of an earlier apikey's naming, too); its secret is not read (unless such
     * a file must tell whose it is).
     */
    Optional<Path> existing(KeyRef ref);

    /**
     * Fails with exit 8 while the key has a recovery file, for a create, rotation, revocation or forget: the file holds
     * the secret of a key the provider made, which such a change would leave alive with nobody holding it, and which
     * a resume afterwards would store over the newer secret.
     */
    default void requireNone(KeyRef ref) {
        existing(ref).ifPresent(file -> {
            throw new ActionNeededException("a secret of " + ref + " that the store refused waits in its recovery file "
                    + file + "; a change of " + ref + " now would leave it behind",
                    "run 'apikey rotate --resume " + ref + "' to store it first (or, to give that key up, revoke it at"
                    + " its provider, then delete the file)");
        });
    }

    /**
     * Deletes the key's recovery file, once its secret is stored. A resume consumes a file under a journal entry of
     * the key, so nothing else changes the key meanwhile, and a resume that dies before this call leaves the file.
     */
    void delete(KeyRef ref);

    /** Where the key's recovery file is written. */
    Path fileFor(KeyRef ref);
}
