package dev.apikey.metadata;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants in apikey's files. They are written by {@link Instant#toString()}:
 * {@code 2026-01-01T00:00:00Z}, with 3, 6 or 9 digits of a second where it has them. That form is read
 * directly; anything else goes to {@link Instant#parse}, which decides what else is an instant and says
 * what is wrong. {@code Instant.parse} alone runs java.time's whole formatter machinery, before the JIT
 * has compiled any of it: 10–30 ms of {@code apikey list}'s start for a hundred keys.
 */
final class Timestamps {
    private static final int[] SCALE = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private Timestamps() {
    }

    /** @throws java.time.format.DateTimeParseException as {@link Instant#parse} does */
    static Instant parse(String text) {
        Instant written = asWritten(text);
        return written != null ? written : Instant.parse(text);
    }

    /** {@code YYYY-MM-DDTHH:MM:SS[.F…]Z} with 1 to 9 digits F, as an instant; null for any other text. */
    private static Instant asWritten(String s) {
        int n = s.length();
        if (n < 20 || n == 21 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z' || (n > 20 && s.charAt(19) != '.')) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int fraction = n > 20 ? digits(s, 20, n - 21) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || fraction < 0) {
            return null; // not the written form: Instant.parse reads it or says why not
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            int nanos = n > 20 ? fraction * SCALE[n - 22] : 0;
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null; // a day the calendar does not have (2023-02-29): Instant.parse says so
        }
    }

    /** The number the {@code count} ASCII digits at {@code from} spell, or -1 if they are not all digits. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
