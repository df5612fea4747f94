package dev.apikey.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.core.Notices;
import dev.apikey.core.Secret;
import dev.apikey.testing.TestTerminal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The launcher with real processes and captured streams. */
class ChildProcessLauncherTest {
    static final Secret SECRET = Secret.of("ak_binarySafeSecret42");

    static TestTerminal terminal(byte[] stdin, boolean onTerminal) {
        return new TestTerminal(stdin, onTerminal, onTerminal, onTerminal, 80, List.of());
    }

    @Test
    void binaryOutputPassesThroughExceptTheSecret() {
        byte[] data = new byte[1 << 20];
        new Random(3).nextBytes(data);
        byte[] secret = SECRET.reveal().getBytes(StandardCharsets.UTF_8);
        for (int at : new int[] {0, 8191, 8192 * 5 - 3, data.length - secret.length}) {
            System.arraycopy(secret, 0, data, at, secret.length);
        }
        // Across pipe reads of 8 KiB, at the start and at the very end.
        byte[] expected = new String(data, StandardCharsets.ISO_8859_1).replace(SECRET.reveal(), "***")
                .getBytes(StandardCharsets.ISO_8859_1);
        TestTerminal t = terminal(data, false);

        int exit = new ChildProcessLauncher(t, Notices.SILENT).run(List.of("cat"), Map.of(), List.of(SECRET));

        assertThat(exit).isZero();
        assertThat(t.stdoutBytes()).isEqualTo(expected);
    }

    @Test
    void onATerminalNothingIsMasked() {
        TestTerminal t = terminal(SECRET.reveal().getBytes(StandardCharsets.UTF_8), true);

        int exit = new ChildProcessLauncher(t, Notices.SILENT).run(List.of("cat"), Map.of(), List.of(SECRET));

        assertThat(exit).isZero();
        assertThat(t.stdoutText()).isEqualTo(SECRET.reveal());
    }

    @Test
    void theChildGetsExactlyTheEnvironmentGiven() {
        TestTerminal t = terminal(new byte[0], false);

        int exit = new ChildProcessLauncher(t, Notices.SILENT).run(List.of("/usr/bin/env"), Map.of("ONLY", "this"), List.of());

        assertThat(exit).isZero();
        assertThat(t.stdoutText()).isEqualTo("ONLY=this\n");
    }
}
