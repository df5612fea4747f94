package dev.apikey.provider.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Times as providers write them, recognised by their shape so that a definition only says where a time is:
 * Unix seconds or milliseconds (OpenAI), ISO-8601 instants with or without an offset (Cloudflare, Datadog,
 * GitLab, npm), plain dates (GitLab's {@code expires_at}, read as the start of that day in UTC), and RFC 1123
 * dates (Twilio's {@code Mon, 13 Jun 2016 22:50:08 +0000}).
 */
final class ProviderTimes {
    /** Numbers above this are milliseconds: as seconds they would be after the year 5000. */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private ProviderTimes() {
    }

    /** The time, or null when the node is missing, null or empty; throws when it is something else. */
    static Instant parse(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            long n = node.asLong();
            return n > MILLIS_THRESHOLD ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        }
        String s = node.asText().trim();
        if (s.isEmpty()) {
            return null;
        }
        if (s.matches("\\d{1,15}")) {
            long n = Long.parseLong(s);
            return n > MILLIS_THRESHOLD ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // not an instant with an offset
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            // not a date
        }
        try {
            return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a recognised time");
        }
    }

    /** Like {@link #parse} but null instead of a failure: an odd time is not worth failing a listing for. */
    static Instant lenient(JsonNode node) {
        try {
            return parse(node);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
