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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
     * (plus {@code TERM}).
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
        return await(what, this::screen, condition);
    }

    private String await(String what, java.util.function.Supplier<String> capture, Predicate<String> condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            String screen = capture.get();
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

    /**
     * Runs a shell command line on a cleared screen between two markers, and returns at once; the
     * returned {@link Command} waits for the end marker. The markers are printed by {@code printf}
     * from a format and an argument, so the typed line on screen can never be taken for one, and
     * nothing is ever recognised by guessing the shell's prompt.
     */
    public Command start(String commandLine) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        run("clear; printf '__BEGIN_%s__\\n' " + id + "; " + commandLine
                + "; printf '__END_%s_%s__\\n' \"$?\" " + id);
        return new Command(id);
    }

    /** {@link #start} and wait for the end: what the command printed, and its exit status. */
    public Output runToEnd(String commandLine) {
        return start(commandLine).awaitEnd();
    }

    /** A command line started by {@link #start}. */
    public final class Command {
        private final String begin;
        private final Pattern end;

        private Command(String id) {
            this.begin = "__BEGIN_" + id + "__";
            this.end = Pattern.compile("__END_(\\d+)_" + Pattern.quote(id) + "__");
        }

        /** Waits until the command has finished; the lines it printed, without colours. */
        public Output awaitEnd() {
            return output(false);
        }

        /** Waits until the command has finished; the lines it printed, with colours as escape sequences. */
        public Output awaitEndWithColours() {
            return output(true);
        }

        private Output output(boolean colours) {
            String what = "the end of the command (" + end.pattern() + ")";
            await(what, Tmux.this::everything, s -> fenced(s) != null);
            Output output = fenced(colours ? tmux("capture-pane", "-p", "-J", "-e", "-S", "-", "-t", session)
                    : everything());
            if (output == null) {
                throw new AssertionError("the end marker was on the screen but is gone:\n" + everything());
            }
            return output;
        }

        /** The lines after the last begin marker up to the end marker after it, or null before the end. */
        private Output fenced(String text) {
            List<String> lines = text.lines().toList();
            int from = -1;
            for (int i = lines.size() - 1; i >= 0 && from < 0; i--) {
                if (lines.get(i).contains(begin)) {
                    from = i;
                }
            }
            if (from < 0) {
                return null;
            }
            for (int i = from + 1; i < lines.size(); i++) {
                Matcher m = end.matcher(lines.get(i));
                if (m.find()) {
                    return new Output(lines.subList(from + 1, i), Integer.parseInt(m.group(1)));
                }
            }
            return null;
        }
    }

    /** What a command printed (its lines as the terminal shows them) and its exit status. */
    public record Output(List<String> lines, int exit) {
        public Output {
            lines = List.copyOf(lines);
        }

        public String text() {
            return String.join("\n", lines);
        }

        @Override
        public String toString() {
            return "exit " + exit + ":\n" + text();
        }
    }

    /** The scroll-back history and the screen, wrapped lines joined. */
    private String everything() {
        return tmux("capture-pane", "-p", "-J", "-S", "-", "-t", session);
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
