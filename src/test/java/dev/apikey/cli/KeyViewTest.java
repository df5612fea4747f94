package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.metadata.Json;
import dev.apikey.testing.TestTerminal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --json} keys are written with jackson-core's generator; their text is a stable contract, held here to
 * what databind's mapper writes for the same record (as it did before), on a terminal (indented) and off one.
 */
class KeyViewTest {
    private static final Instant T1 = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant T2 = Instant.parse("2026-03-04T05:06:07.123456789Z");
    static final KeyView FULL = new KeyView("openai/ci-bot", "openai", "ci-bot", "key_1", "keychain", "created", T1, T2,
            T2.plusSeconds(86_400), "active", "sk_…x9Qz", "CI \"bot\"\n\u001b[2J ünï", List.of("read", "write"),
            Duration.ofDays(90), List.of(new KeyView.Pending("key_0", "sk_…abcd", T2), new KeyView.Pending("key_00", null, null)),
            "tracked", "Active", T1);
    static final KeyView BARE = new KeyView("local/x", "local", "x", null, null, null, null, null, null, "active", null,
            null, null, null, null, null, null, null);
    static final KeyView EMPTY_LISTS = new KeyView("local/y", "local", "y", null, "file", "imported", T1, null, null,
            "active", "ak_…abcd", null, List.of(), null, List.of(), null, null, null);

    private static TestTerminal terminal(boolean tty) {
        return new TestTerminal(new byte[0], false, tty, false, 80, List.of());
    }

    private static Output output(TestTerminal terminal) {
        return new Output(terminal, Map.of(), Clock.systemUTC(), true);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void oneKeyIsWhatTheMapperWrites(boolean tty) {
        for (KeyView view : List.of(FULL, BARE, EMPTY_LISTS)) {
            TestTerminal streamed = terminal(tty);
            output(streamed).printJson(view);
            TestTerminal mapped = terminal(tty);
            output(mapped).printJson((Object) view);
            assertThat(streamed.stdoutText()).isEqualTo(mapped.stdoutText());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aListOfKeysIsWhatTheMapperWrites(boolean tty) {
        for (List<KeyView> views : List.of(List.of(FULL, BARE, EMPTY_LISTS), List.of(BARE), List.<KeyView>of())) {
            TestTerminal streamed = terminal(tty);
            output(streamed).printJsonArray(views);
            TestTerminal mapped = terminal(tty);
            output(mapped).printJson((Object) views);
            assertThat(streamed.stdoutText()).isEqualTo(mapped.stdoutText());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aStreamedArrayIsTheSameArray(boolean tty) throws Exception {
        TestTerminal streamed = terminal(tty);
        try (Output.JsonArrayStream array = output(streamed).jsonArray()) {
            array.add(FULL);
            array.add(BARE);
        }
        TestTerminal mapped = terminal(tty);
        output(mapped).printJson((Object) List.of(FULL, BARE));
        assertThat(streamed.stdoutText()).isEqualTo(mapped.stdoutText());
        assertThat(Json.mapper().readTree(streamed.stdoutText()).size()).isEqualTo(2);
    }
}
