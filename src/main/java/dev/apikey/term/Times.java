package dev.apikey.term;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as people read them on a terminal ("3 days ago"), and as ISO-8601 for everything else. */
public final class Times {
    private final boolean relative;
    private final Instant now;

    public Times(boolean relative, Instant now) {
        this.relative = relative;
        this.now = now;
    }

    public String format(Instant t) {
        if (t == null) {
            return relative ? "-" : "";
        }
        if (!relative) {
            return t.truncatedTo(ChronoUnit.SECONDS).toString();
        }
        Duration d = Duration.between(now, t);
        boolean future = !d.isNegative();
        String span = span(d.abs());
        if (span == null) {
            return "just now";
        }
        return future ? "in " + span : span + " ago";
    }

    private static String span(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return null;
        }
        if (s < 3600) {
            return plural(s / 60, "minute");
        }
        if (s < 86400) {
            return plural(s / 3600, "hour");
        }
        if (s < 86400L * 60) {
            return plural(s / 86400, "day");
        }
        if (s < 86400L * 730) {
            return plural(s / (86400L * 30), "month");
        }
        return plural(s / (86400L * 365), "year");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
