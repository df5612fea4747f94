package dev.apikey.term;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.core.Notices.Activity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String text() {
        synchronized (err) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private void awaitText(Predicate<String> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.test(text())) {
            assertThat(System.nanoTime()).as("waited for the progress line; got %s", text()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void aSlowCallShowsItsLabelThenErasesItWithSpaces() {
        ProgressLine line = new ProgressLine(err, Duration.ZERO);
        Activity activity = line.start("Creating a key at openai");
        awaitText(t -> t.contains("Creating a key at openai…"));
        activity.close();
        String t = text();
        assertThat(t).startsWith("\r");
        // Erased by overwriting with spaces, the cursor back at the start of the line.
        assertThat(t).matches("(?s).*\\r {27,}\\r");
        assertThat(t).doesNotContain("\u001b");
    }

    @Test
    void aQuickCallShowsNothing() {
        ProgressLine line = new ProgressLine(err, Duration.ofMinutes(1));
        line.start("Revoking the key at openai").close();
        assertThat(text()).isEmpty();
    }

    @Test
    void nothingIsDrawnOverAPrompt() {
        ProgressLine line = new ProgressLine(err, Duration.ZERO);
        line.suspend();
        Activity activity = line.start("Creating a key at npm");
        err.print("One-time code: ");
        // While suspended the line stays as the prompt left it; once resumed the spinner comes back.
        line.resume();
        awaitText(t -> t.contains("Creating a key at npm…"));
        assertThat(text()).startsWith("One-time code: ");
        activity.close();
    }

    @Test
    void outputMakesTheLineGoAway() {
        ProgressLine line = new ProgressLine(err, Duration.ofMillis(0));
        Activity activity = line.start("Listing keys at gitlab");
        awaitText(t -> t.contains("Listing keys at gitlab…"));
        activity.output();
        String afterOutput = text();
        assertThat(afterOutput).endsWith("\r");
        activity.close();
    }

    @Test
    void aNestedActivityKeepsTheOuterLabel() {
        ProgressLine line = new ProgressLine(err, Duration.ZERO);
        Activity outer = line.start("Rotating the key at cloudflare");
        Activity inner = line.start("Checking the new key at cloudflare");
        awaitText(t -> t.contains("Rotating the key at cloudflare…"));
        inner.close();
        outer.close();
        assertThat(text()).doesNotContain("Checking the new key");
    }
}
