package dev.apikey.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One unfinished change to a key, as the rotation journal records it: what is being done, and each
 * step written <em>before</em> its side effect, so that after a crash {@code rotate --resume} knows
 * exactly what may have happened. It never holds a secret; the hints it keeps are redacted.
 *
 * @param operation  what the change is
 * @param strategy   how a rotation replaces the key
 * @param marker     the unique marker the create carries, to find a key whose response was lost
 * @param backend    the secret store the key lives in
 * @param oldId      the provider id of the key being replaced (rotate), or null
 * @param oldHint    its redacted hint
 * @param grace      how long the old key stays alive, or null to revoke at once
 * @param spec       what is asked of the provider (and recorded afterwards for a create)
 * @param owner      which invocation is doing it, to tell a running change from a crashed one
 * @param knownIds   for a provider whose keys cannot carry the marker: the ids it listed just before the
 *                   create, so that a key the lost create made is the one not among them
 */
public record JournalEntry(KeyRef ref, Operation operation, Strategy strategy, String marker, String backend,
                           String oldId, String oldHint, Duration grace, Spec spec, Owner owner,
                           Instant startedAt, List<Step> steps, List<String> knownIds) {
    /**
     * A value the journal file spells as a fixed lower-case word. The words are the file format:
     * renaming a constant must not change its word, or journals written before could not be resumed.
     */
    public interface Wire {
        /** The word the journal file holds; also how messages name the value. */
        String wire();
    }

    /** The value of {@code type} whose word is {@code word}, or empty for a word no value has. */
    public static <E extends Enum<E> & Wire> Optional<E> fromWire(Class<E> type, String word) {
        for (E e : type.getEnumConstants()) {
            if (e.wire().equals(word)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** What the change does. */
    public enum Operation implements Wire {
        ROTATE("rotate"),
        CREATE("create"),
        /** {@code apikey sync} writing the current secret to the key's targets (nothing to roll back). */
        SYNC("sync"),
        /**
         * {@code rotate --resume} storing the secret of a recovery file that no other entry covers. Nothing to roll
         * back: the file is deleted only once its secret is stored, so a resume of this entry stores it again, or
         * finds it stored and the file gone.
         */
        RECOVERY("recovery");

        private final String wire;

        Operation(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** How the key is replaced. */
    public enum Strategy implements Wire {
        /** A new key is created beside the old one, which is revoked afterwards. */
        REPLACE("replace"),
        /** The provider rotates the key itself: the old secret may die when the call is sent. */
        NATIVE("native"),
        /** No provider is called: the secret is made or kept locally. */
        LOCAL("local");

        private final String wire;

        Strategy(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** A step of a change, each recorded before its side effect. */
    public enum StepName implements Wire {
        BEGIN("begin"),
        /** A create is about to be sent: a key with the marker may exist from here on. */
        CREATING("creating"),
        /** The provider returned the new key; its secret is only in memory until STORED. */
        CREATED("created"),
        /** A native rotate is about to be sent: the old secret may die from here on. */
        ROTATING("rotating"),
        /** The store refused the new secret; it is in a recovery file. */
        RECOVERY_FILE("recovery-file"),
        STORED("stored"),
        RECORDED("recorded"),
        /** A target is about to be written (its destination in {@code id}); the result follows. */
        TARGET_WRITING("target-writing"),
        TARGET_WRITTEN("target-written"),
        TARGET_FAILED("target-failed"),
        REVOKING_OLD("revoking-old"),
        /** A resume found several candidates for a lost key and listed them (ids in {@code id}, comma-separated). */
        CANDIDATES("candidates");

        private final String wire;

        StepName(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    public JournalEntry {
        steps = steps == null ? List.of() : List.copyOf(steps);
        knownIds = knownIds == null ? List.of() : List.copyOf(knownIds);
    }

    /** The non-secret inputs of a create, kept so a resumed create can record the key. */
    public record Spec(String description, List<String> scopes, Map<String, String> params, Duration lifetime,
                       Instant expiresAt, Duration maxAge) {
    }

    /** The invocation that started the change: a process, and which run within it. */
    public record Owner(long pid, Instant processStart, String invocation) {
    }

    /**
     * A step, recorded before its side effect. For a new key, {@code id}, {@code hint} and
     * {@code expiresAt} describe it and {@code fingerprint} (a truncated SHA-256 of its secret)
     * lets a resume recognise it in the store without the journal holding the secret; {@code kept}
     * holds the parameters the provider says the new key keeps (never a secret: a credential's identifiers,
     * such as the account a Twilio key was made in), so that a resumed create records them too.
     */
    public record Step(StepName name, Instant at, String id, String hint, Instant expiresAt, String fingerprint,
                       Map<String, String> kept) {
        public Step {
            kept = kept == null ? Map.of() : Map.copyOf(kept);
        }

        public Step(StepName name, Instant at, String id, String hint, Instant expiresAt, String fingerprint) {
            this(name, at, id, hint, expiresAt, fingerprint, Map.of());
        }

        public static Step of(StepName name, Instant at) {
            return new Step(name, at, null, null, null, null);
        }
    }

    public boolean reached(StepName step) {
        return steps.stream().anyMatch(s -> s.name() == step);
    }

    public Optional<Step> step(StepName name) {
        return steps.stream().filter(s -> s.name() == name).reduce((a, b) -> b);
    }

    public StepName lastStep() {
        return steps.isEmpty() ? StepName.BEGIN : steps.get(steps.size() - 1).name();
    }

    public JournalEntry with(Step step) {
        List<Step> next = new ArrayList<>(steps);
        next.add(step);
        return new JournalEntry(ref, operation, strategy, marker, backend, oldId, oldHint, grace, spec, owner,
                startedAt, next, knownIds);
    }

    /** The same change, taken over by another invocation (a resume). */
    public JournalEntry ownedBy(Owner next) {
        return new JournalEntry(ref, operation, strategy, marker, backend, oldId, oldHint, grace, spec, next,
                startedAt, steps, knownIds);
    }

    public JournalEntry withKnownIds(List<String> ids) {
        return new JournalEntry(ref, operation, strategy, marker, backend, oldId, oldHint, grace, spec, owner,
                startedAt, steps, ids);
    }
}
