package dev.apikey.core;

/**
 * Text from a provider, a file or another program made safe to print (SPEC §4): control characters
 * are escaped ({@code \n}, {@code \r}, {@code \t}, {@code \x1b}, {@code \u0085}), so such text can
 * neither split a table row or a line of output nor drive the terminal. A backslash stays as it is.
 */
public final class Printable {
    private Printable() {
    }

    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement == null) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            b.append(replacement);
        }
        return b == null ? text : b.toString();
    }

    private static String replacement(char c) {
        if (c == '\n') {
            return "\\n";
        }
        if (c == '\r') {
            return "\\r";
        }
        if (c == '\t') {
            return "\\t";
        }
        if (c < 0x20 || c == 0x7f) {
            return String.format("\\x%02x", (int) c);
        }
        if (c >= 0x80 && c <= 0x9f || c == '\u2028' || c == '\u2029') {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
