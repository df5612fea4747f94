package dev.apikey.provider;

import dev.apikey.core.Redactor;

/** The error messages providers answer with, made fit to show a user. */
public final class ProviderMessages {
    /** The most of a provider's message an error shows. */
    public static final int MAX_LENGTH = 300;

    private ProviderMessages() {
    }

    /**
     * One line, bounded, with every known secret masked. Masked before it is cut: a secret cut at the limit
     * would no longer be a whole known secret, and its first part would show.
     */
    public static String clean(String message, Redactor redactor) {
        StringBuilder b = new StringBuilder();
        redactor.redact(message).codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String s = b.toString().trim().replaceAll("\\s+", " ");
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) + "…" : s;
    }
}
