package dev.apikey.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Replaces every secret this invocation has seen with {@code ***} in text meant for humans:
 * {@code -v} output, warnings, logs. Secrets are registered as they are read or created.
 */
public final class Redactor {
    /** Secrets shorter than this are not redacted by value: they would mask ordinary words. */
    private static final int MIN_LENGTH = 6;
    private final List<String> secrets = new ArrayList<>();

    public synchronized void register(Secret secret) {
        String s = secret.reveal();
        if (s.length() >= MIN_LENGTH && !secrets.contains(s)) {
            secrets.add(s);
            // Longest first, so a secret that contains another is masked whole. A plain lambda rather than
            // Comparator.comparingInt, whose serializable lambda no AOT cache keeps: it is spun at every start.
            secrets.sort((a, b) -> Integer.compare(b.length(), a.length()));
        }
    }

    public synchronized String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "***");
        }
        return out;
    }
}
