package dev.apikey.core;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * When a key expires, as the user wrote it: a duration from the moment it is created ({@code 90d},
 * {@code P90D}), or an ISO date or instant ({@code 2027-01-31}). Checked for form when it is read;
 * whether it lies in the future is known only when the key is made ({@link #at}).
 */
public record Expiry(String text, Duration after, Instant on) {
    /** @throws UsageException when the text is no duration, date or instant */
    public static Expiry parse(String text) {
        String t = text == null ? "" : text.trim();
        if (Durations.DATE.matcher(t).matches()) {
            try {
                return new Expiry(text, null, LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException e) {
                throw new UsageException("invalid date '" + Names.printable(text) + "'", "dates are ISO-8601, e.g. 2027-01-31");
            }
        }
        if (t.length() > 10 && Durations.DATE.matcher(t.substring(0, 10)).matches()) {
            try {
                return new Expiry(text, null, Instant.parse(t));
            } catch (DateTimeParseException e) {
                throw new UsageException("invalid time '" + Names.printable(text) + "'",
                        "use an ISO-8601 instant, e.g. 2027-01-31T12:00:00Z");
            }
        }
        return new Expiry(text, Durations.parse(t), null);
    }

    /**
     * The instant it names, for a key made {@code now}.
     *
     * @throws UsageException when that is not after {@code now}
     */
    public Instant at(Instant now) {
        Instant at = after != null ? now.plus(after) : on;
        if (!at.isAfter(now)) {
            throw new UsageException("expiry '" + Names.printable(text) + "' is in the past");
        }
        return at;
    }
}
