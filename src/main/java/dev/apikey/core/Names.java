package dev.apikey.core;

import java.util.regex.Pattern;

/** The naming rule shared by providers and keys. */
public final class Names {
    public static final String RULE = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final Pattern VALID = Pattern.compile(RULE);

    private Names() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** Returns the name, or throws a usage error that states the rule. */
    public static String require(String what, String name) {
        if (!isValid(name)) {
            throw new UsageException("invalid " + what + " name '" + printable(name) + "': must match " + RULE,
                    "start with a letter or digit; then letters, digits, '.', '_' or '-', at most 64 in all");
        }
        return name;
    }

    /**
     * User input quoted in an error message: at most 80 characters, control characters escaped as all text from
     * outside is ({@link Printable#escape}).
     */
    public static String printable(String s) {
        if (s == null) {
            return "";
        }
        int end = s.codePointCount(0, s.length()) <= 80 ? s.length() : s.offsetByCodePoints(0, 80);
        return Printable.escape(s.substring(0, end));
    }
}
