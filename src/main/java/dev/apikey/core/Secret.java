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

    /**
     * The first control character in a would-be secret, described without revealing the secret
     * ("NUL (U+0000) at character 5"), or empty when there is none. A secret is text without control
     * characters (SPEC §7): one with NUL, CR, ESC or the like would break headers, environment
     * variables and terminals, so it is refused where it enters.
     */
    public static java.util.Optional<String> controlCharacterIn(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                String name = switch (c) {
                    case 0 -> "NUL";
                    case '\r' -> "CR";
                    case '\n' -> "LF";
                    case '\t' -> "TAB";
                    case 0x1b -> "ESC";
                    default -> "a control character";
                };
                return java.util.Optional.of(name + String.format(" (U+%04X) at character %d", (int) c, i + 1));
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether {@link #controlCharacterIn} finds one in this secret. */
    public java.util.Optional<String> controlCharacter() {
        return controlCharacterIn(value);
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
