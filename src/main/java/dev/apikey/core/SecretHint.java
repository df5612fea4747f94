package dev.apikey.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacts a secret to a form a user can recognise: its public prefix (such as {@code sk-} or
 * {@code ak_}) up to its first separator only, and its last four characters. A second segment
 * ({@code sk_KCSECRET_}) may already be secret material, so it is never shown. Short secrets show no
 * characters at all.
 */
final class SecretHint {
    private static final Pattern PREFIX = Pattern.compile("^([A-Za-z]{1,8}[_-])");
    private static final int MIN_LENGTH_FOR_TAIL = 16;

    private SecretHint() {
    }

    static String of(String secret) {
        String prefix = "";
        Matcher m = PREFIX.matcher(secret);
        if (m.find() && secret.length() - m.group(1).length() >= MIN_LENGTH_FOR_TAIL) {
            prefix = m.group(1);
        }
        String tail = secret.length() >= MIN_LENGTH_FOR_TAIL ? secret.substring(secret.length() - 4) : "";
        return prefix + "…" + tail;
    }
}
