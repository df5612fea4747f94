package dev.apikey.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamps reads what Instant.parse reads, to the nanosecond, and refuses what it refuses. */
class TimestampsTest {

    @Test
    void everyInstantAsWrittenReadsBackExactly() {
        SplittableRandom random = new SplittableRandom(20261202);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("2024-02-29T12:00:00Z")));
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(min, max);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        for (Instant t : instants) {
            assertThat(Timestamps.parse(t.toString())).as(t.toString()).isEqualTo(t);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-01-01T00:00:00.5Z", "2026-01-01T00:00:00.12Z", "2026-01-01T00:00:00.1234Z",
        "2026-01-01T00:00:00.12345678Z", "2026-01-01t00:00:00z", "2026-01-01T00:00:00+01:00",
        "2026-01-01T23:59:60Z", "+12026-01-01T00:00:00Z", "2026-01-01T00:00:00.000000000Z",
        "2026-01-01T24:00:00Z", "2026-01-01T00:00:00.Z"})
    void otherFormsReadAsInstantParseReadsThem(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2023-02-29T12:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-01-32T00:00:00Z",
        "2026-01-01T00:60:00Z", "2026-01-01T00:00:00.1234567890Z",
        "2026-01-01T00:00:00", "2026-01-01 00:00:00Z", "2026-1-01T00:00:00Z", "２０２６-01-01T00:00:00Z",
        "2026-01-01T00:00:0xZ", "", "yesterday"})
    void whatInstantParseRefusesIsRefusedTheSameWay(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
