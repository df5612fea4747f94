package dev.apikey.term;

import java.util.Map;

/** ANSI colour on a terminal only, and never when {@code NO_COLOR} is set (https://no-color.org). */
public final class Style {
    public static final Style PLAIN = new Style(false);
    public static final String RED = "31";
    public static final String GREEN = "32";
    public static final String YELLOW = "33";
    public static final String DIM = "2";

    private final boolean enabled;

    private Style(boolean enabled) {
        this.enabled = enabled;
    }

    public static Style forStream(boolean isTerminal, Map<String, String> environment) {
        String noColor = environment.get("NO_COLOR");
        boolean dumb = "dumb".equals(environment.get("TERM"));
        return new Style(isTerminal && (noColor == null || noColor.isEmpty()) && !dumb);
    }

    public boolean enabled() {
        return enabled;
    }

    public String bold(String s) {
        return colour("1", s);
    }

    public String colour(String sgr, String s) {
        return enabled && !s.isEmpty() ? "\u001b[" + sgr + "m" + s + "\u001b[0m" : s;
    }
}
