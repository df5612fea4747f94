package dev.apikey.core;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The journal of unfinished creates and rotations, one entry per key. Starting an entry is exclusive:
 * while one exists, nothing else may change that key.
 */
public interface RotationJournal {

    /**
     * Starts an entry; fails with {@link ActionNeededException} (exit 8) when the key already has one —
     * a change running elsewhere, or one that was interrupted and needs {@code rotate --resume}.
     */
    default JournalEntry begin(JournalEntry entry) {
        return begin(entry.ref(), () -> entry);
    }

    /**
     * Claims the key and starts the entry {@code fromCurrentState} builds. It runs inside the claim,
     * after the check that no other entry exists: whatever it reads about the key (its record, its
     * current id) cannot change before the entry exists, and whatever it throws starts nothing.
     * Two parallel changes of one key therefore never both act on the same state: the second sees
     * the first's entry (exit 8), or runs after it and reads what the first left.
     */
    JournalEntry begin(KeyRef ref, Supplier<JournalEntry> fromCurrentState);

    /**
     * Takes over an interrupted entry to resume it, under the same claim as {@link #begin}: the entry is
     * read again there and, unless its owner still runs, recorded as this invocation's. Two parallel
     * resumes of one entry therefore never both act: the second finds the first running (exit 8), or
     * finds the entry gone.
     *
     * @return the entry, now owned by this invocation; empty when there is none (any more)
     * @throws ActionNeededException when the entry's owner — a change, or another resume — still runs
     */
    Optional<JournalEntry> takeOver(KeyRef ref);

    /** Records a step before its side effect (atomically, durably). */
    JournalEntry record(JournalEntry entry, JournalEntry.Step step);

    /** Ends an entry: the change is complete or rolled back. */
    void finish(KeyRef ref);

    Optional<JournalEntry> find(KeyRef ref);

    List<JournalEntry> all();

    /** Whether no key has an unfinished change; without reading an entry, so cheaper than {@link #all()}. */
    default boolean isEmpty() {
        return all().isEmpty();
    }

    /** Whether the invocation that owns the entry is still running. */
    default boolean ownerAlive(JournalEntry entry) {
        return entry.owner() != null && alive(entry.owner());
    }

    /** Whether that invocation is still running: not a crashed one, nor an earlier one of this process. */
    boolean alive(JournalEntry.Owner owner);

    /** The owner to record for changes started by this invocation. */
    JournalEntry.Owner self();

    /** Fails with exit 8 when the key has an unfinished change: for every command that would change it. */
    default void requireNone(KeyRef ref) {
        find(ref).ifPresent(e -> {
            if (ownerAlive(e)) {
                throw inProgress(e);
            }
            throw new ActionNeededException("an interrupted " + e.operation() + " of " + ref
                    + " is unfinished (stopped after step '" + e.lastStep() + "')",
                    "run 'apikey rotate --resume " + ref + "' to complete or roll it back");
        });
    }

    /** The refusal of a change, or a resume, while another invocation still works on the key. */
    static ActionNeededException inProgress(JournalEntry e) {
        return new ActionNeededException("a " + e.operation() + " of " + e.ref() + " is in progress (process "
                + e.owner().pid() + ", since " + e.startedAt() + ")", "wait for it to finish");
    }
}
