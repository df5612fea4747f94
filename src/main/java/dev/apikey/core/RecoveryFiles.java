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

    /** Whether the key has a recovery file; its secret is not read (unless an earlier apikey's file must tell whose). */
    boolean exists(KeyRef ref);

    /**
     * Deletes the key's recovery file, once its secret is stored. A resume consumes a file under a journal entry of
     * the key, so nothing else changes the key meanwhile, and a resume that dies before this call leaves the file.
     */
    void delete(KeyRef ref);

    /** Where the key's recovery file is written. */
    Path fileFor(KeyRef ref);
}
