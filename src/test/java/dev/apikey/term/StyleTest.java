package dev.apikey.term;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StyleTest {
    @Test
    void colourOnATerminal() {
        assertThat(Style.forStream(true, Map.of("TERM", "xterm-256color")).colour(Style.GREEN, "ok"))
                .isEqualTo("\u001b[32mok\u001b[0m");
    }

    @Test
    void noColourOnAPipe() {
        assertThat(Style.forStream(false, Map.of("TERM", "xterm")).colour(Style.GREEN, "ok")).isEqualTo("ok");
    }

    @Test
    void noColourWithNoColorSetToAnything() {
        assertThat(Style.forStream(true, Map.of("NO_COLOR", "1")).enabled()).isFalse();
        assertThat(Style.forStream(true, Map.of("NO_COLOR", "true")).enabled()).isFalse();
    }

    @Test
    void anEmptyNoColorDoesNotCount() {
        // no-color.org: "when present and not an empty string".
        assertThat(Style.forStream(true, Map.of("NO_COLOR", "")).enabled()).isTrue();
    }

    @Test
    void noColourOnADumbTerminal() {
        assertThat(Style.forStream(true, Map.of("TERM", "dumb")).enabled()).isFalse();
    }
}
