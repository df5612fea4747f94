package dev.apikey.core;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations ({@code 30s 15m 24h 7d 2w} or ISO-8601 {@code P…}) and dates users type. */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhdw])");
    static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private Durations() {
    }

    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return positive(text, d);
        }
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return positive(text, Duration.parse(t));
            } catch (DateTimeParseException e) {
                try {
                    Period p = Period.parse(t);
                    if (p.getYears() != 0 || p.getMonths() != 0) {
                        throw invalid(text, "months and years have no fixed length; use days, e.g. P90D");
                    }
                    return positive(text, Duration.ofDays(p.getDays()));
                } catch (DateTimeParseException again) {
                    throw invalid(text, null);
                }
            }
        }
        throw invalid(text, null);
    }

    /** An expiry given as a duration from {@code now} or as an ISO date or instant in the future. */
    public static Instant parseExpiry(String text, Instant now) {
        return Expiry.parse(text).at(now);
    }

    /** Renders a duration the way users type it: the largest whole unit. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s % (7 * 86400) == 0 && s > 0) {
            return s / (7 * 86400) + "w";
        }
        if (s % 86400 == 0 && s > 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    private static Duration positive(String text, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw invalid(text, "a duration must be positive");
        }
        return d;
    }

    private static UsageException invalid(String text, String why) {
        return new UsageException("invalid duration '" + Names.printable(text) + "'" + (why == null ? "" : ": " + why),
                "use 30s, 15m, 24h, 7d, 2w or ISO-8601 such as P90D");
    }
}
