package dev.apikey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real terminal for tests: a shell in a tmux session of a chosen size, on a tmux server of its own.
 * Type into it, and read the screen back; waiting is always for something to appear, with a deadline.
 */
public final class Tmux implements AutoCloseable {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final String socket = "apikey-test-" + UUID.randomUUID();
    private final String session = "t";

    /**
     * Starts {@code sh} in a terminal {@code columns} wide, with exactly these environment variables
     * (plus {@code TERM}); {@link #clear()} expects the prompt {@code PS1='$ '}.
     */
    public Tmux(int columns, int rows, Path directory, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("env", "-i", "TERM=xterm-256color"));
        environment.forEach((k, v) -> command.add(k + "=" + v));
        command.add("/bin/sh");
        List<String> args = new ArrayList<>(List.of("new-session", "-d", "-s", session, "-x", String.valueOf(columns),
                "-y", String.valueOf(rows), "-c", directory.toString()));
        args.add(String.join(" ", command.stream().map(Tmux::quote).toList()));
        tmux(args.toArray(String[]::new));
    }

    /** Types text literally (no key names), without Enter. */
    public Tmux type(String text) {
        tmux("send-keys", "-t", session, "-l", text);
        return this;
    }

    /** Presses keys by tmux's names: {@code Enter}, {@code C-c}, …. */
    public Tmux press(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
        return this;
    }

    /** Types a command line and presses Enter. */
    public Tmux run(String commandLine) {
        return type(commandLine).press("Enter");
    }

    /** The screen as text, wrapped lines joined (so a line too long for the terminal shows as such). */
    public String screen() {
        return tmux("capture-pane", "-p", "-J", "-t", session);
    }

    /** The screen with its colours, as escape sequences. */
    public String screenWithColours() {
        return tmux("capture-pane", "-p", "-e", "-t", session);
    }

    /** Waits until the screen satisfies {@code condition}; fails with the screen after the deadline. */
    public String await(String what, Predicate<String> condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            String screen = screen();
            if (condition.test(screen)) {
                return screen;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited for " + what + "; the screen is:\n" + screen);
            }
            Thread.onSpinWait();
            pause();
        }
    }

    /** Waits until the screen shows {@code text}. */
    public String awaitText(String text) {
        return await("'" + text + "'", s -> s.contains(text));
    }

    /** Waits for the line {@code exit=N} that {@code echo "exit=$?"} prints, and returns N. */
    public int awaitExit() {
        java.util.regex.Pattern exit = java.util.regex.Pattern.compile("(?m)^exit=(\\d+)");
        java.util.regex.Matcher m = exit.matcher(await("an exit status", s -> exit.matcher(s).find()));
        m.find();
        return Integer.parseInt(m.group(1));
    }

    public void clear() {
        run("clear");
        await("a clear screen", s -> s.strip().equals("$"));
    }

    @Override
    public void close() {
        try {
            tmux("kill-server");
        } catch (AssertionError e) {
            // already gone
        }
    }

    /** Polling tmux in a tight loop would steal the CPU the program under test needs. */
    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
