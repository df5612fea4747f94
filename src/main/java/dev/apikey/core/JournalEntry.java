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
 * @param operation  {@link #ROTATE} or {@link #CREATE}
 * @param strategy   {@link #REPLACE}, {@link #NATIVE} or {@link #LOCAL}
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
public record JournalEntry(KeyRef ref, String operation, String strategy, String marker, String backend,
                           String oldId, String oldHint, Duration grace, Spec spec, Owner owner,
                           Instant startedAt, List<Step> steps, List<String> knownIds) {
    public static final String ROTATE = "rotate";
    public static final String CREATE = "create";
    /** {@code apikey sync} writing the current secret to the key's targets (nothing to roll back). */
    public static final String SYNC = "sync";
    public static final String REPLACE = "replace";
    public static final String NATIVE = "native";
    public static final String LOCAL = "local";

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
     * lets a resume recognise it in the store without the journal holding the secret.
     */
    public record Step(String name, Instant at, String id, String hint, Instant expiresAt, String fingerprint) {
        public static final String BEGIN = "begin";
        /** A create is about to be sent: a key with the marker may exist from here on. */
        public static final String CREATING = "creating";
        /** The provider returned the new key; its secret is only in memory until STORED. */
        public static final String CREATED = "created";
        /** A native rotate is about to be sent: the old secret may die from here on. */
        public static final String ROTATING = "rotating";
        /** The store refused the new secret; it is in a recovery file. */
        public static final String RECOVERY_FILE = "recovery-file";
        public static final String STORED = "stored";
        public static final String RECORDED = "recorded";
        /** A target is about to be written (its destination in {@code id}); the result follows. */
        public static final String TARGET_WRITING = "target-writing";
        public static final String TARGET_WRITTEN = "target-written";
        public static final String TARGET_FAILED = "target-failed";
        public static final String REVOKING_OLD = "revoking-old";
        /** A resume found several candidates for a lost key and listed them (ids in {@code id}, comma-separated). */
        public static final String CANDIDATES = "candidates";

        public static Step of(String name, Instant at) {
            return new Step(name, at, null, null, null, null);
        }
    }

    public boolean reached(String step) {
        return steps.stream().anyMatch(s -> s.name().equals(step));
    }

    public Optional<Step> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).reduce((a, b) -> b);
    }

    public String lastStep() {
        return steps.isEmpty() ? Step.BEGIN : steps.get(steps.size() - 1).name();
    }

    public JournalEntry with(Step step) {
        List<Step> next = new ArrayList<>(steps);
        next.add(step);
        return new JournalEntry(ref, operation, strategy, marker, backend, oldId, oldHint, grace, spec, owner,
                startedAt, next, knownIds);
    }

    public JournalEntry withKnownIds(List<String> ids) {
        return new JournalEntry(ref, operation, strategy, marker, backend, oldId, oldHint, grace, spec, owner,
                startedAt, steps, ids);
    }
}
