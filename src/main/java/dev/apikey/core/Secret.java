package dev.apikey.core;

import java.util.Objects;

/**
 * A secret value. It has no accessor that happens by accident: {@link #toString()} is redacted, so a
 * secret that ends up in a log line, an exception or a debugger view shows nothing.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty secret");
        }
        return new Secret(value);
    }

    /** The secret itself, for the few places that must send or store it. */
    public String reveal() {
        return value;
    }

    /** A redacted form such as {@code ak_…x9Qz}, safe to show and store. */
    public String hint() {
        return SecretHint.of(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                s.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // no information about the value leaks through hashing
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
