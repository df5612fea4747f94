package dev.apikey.core;

import java.time.Instant;

/**
 * A place a key's secret is delivered to whenever it changes: a CI secret, a CI/CD variable, a line
 * in a dotenv file. Kept in {@code targets.json}, never with a secret.
 *
 * @param ref         the key
 * @param destination where, canonical: {@code github:OWNER/REPO}, {@code github:OWNER/REPO@ENV},
 *                    {@code github-org:ORG}, {@code gitlab:PROJECT}, {@code dotenv:/absolute/path}
 * @param name        the secret's or variable's name there
 * @param lastWrite   the last attempt to write it, or null when never written
 */
public record Target(KeyRef ref, String destination, String name, Write lastWrite) {

    /** The key a target is filed under: one target per key and destination. */
    public String id() {
        return idOf(ref, destination);
    }

    public static String idOf(KeyRef ref, String destination) {
        return ref + " " + destination;
    }

    public Target written(Write write) {
        return new Target(ref, destination, name, write);
    }

    /**
     * Whether the target holds the key's current secret: its last write succeeded and wrote the secret
     * the key has had since {@code currentSince}.
     */
    public boolean holdsSecretSince(Instant currentSince) {
        return lastWrite != null && lastWrite.ok() && currentSince.equals(lastWrite.secretSince());
    }

    /**
     * One write of a target.
     *
     * @param at          when it was attempted
     * @param result      {@link #OK} or {@link #FAILED}
     * @param detail      why it failed (the destination's own message), or null
     * @param secretSince which secret it wrote (or tried to): the key's {@code currentSince} then
     */
    public record Write(Instant at, String result, String detail, Instant secretSince) {
        public static final String OK = "ok";
        public static final String FAILED = "failed";

        public boolean ok() {
            return OK.equals(result);
        }
    }
}
