package dev.apikey.term;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TimesTest {
    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    @ParameterizedTest
    @CsvSource({
        "-30, just now",
        "-61, 1 minute ago",
        "-7200, 2 hours ago",
        "-86400, 1 day ago",
        "-259200, 3 days ago",
        "7776000, in 3 months",
        "63072000, in 2 years",
        "2592000, in 30 days",
    })
    void relativeOnATerminal(long seconds, String expected) {
        assertThat(new Times(true, NOW).format(NOW.plus(Duration.ofSeconds(seconds)))).isEqualTo(expected);
    }

    @Test
    void isoOffATerminal() {
        assertThat(new Times(false, NOW).format(Instant.parse("2026-04-15T10:00:00.123Z"))).isEqualTo("2026-04-15T10:00:00Z");
    }

    @Test
    void missingTimes() {
        assertThat(new Times(true, NOW).format(null)).isEqualTo("-");
        assertThat(new Times(false, NOW).format(null)).isEmpty();
    }
}
