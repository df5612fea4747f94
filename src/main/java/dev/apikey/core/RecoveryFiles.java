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
     * @throws CorruptFileException when it is no recovery file
     */
    Optional<KeyRef> refOf(Path file);

    Optional<Recovered> read(KeyRef ref);

    /** Whether the key has a recovery file; its secret is not read. */
    boolean exists(KeyRef ref);

    /**
     * Claims the key's recovery file for this invocation to consume, under the same claim as the journal's
     * {@link RotationJournal#begin begin} and {@link RotationJournal#takeOver takeOver}: the file is read
     * there and marked as this invocation's, unless another invocation that claimed it still runs. Two
     * parallel resumes therefore never both store it: the second finds the first running (exit 8), or
     * the file gone. The file itself stays until {@link #delete} once its secret is stored, so a resume
     * that dies midway loses nothing and the next one claims it again.
     *
     * @return the file's content; empty when there is none (any more)
     * @throws ActionNeededException when the invocation that claimed it still runs, or the key has an
     *                               unfinished change in the journal
     */
    Optional<Recovered> claim(KeyRef ref, RotationJournal journal);

    /** Deletes the key's recovery file and its claim. */
    void delete(KeyRef ref);

    Path fileFor(KeyRef ref);
}
