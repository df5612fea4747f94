package dev.apikey.term;

import dev.apikey.core.UserPrompts;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real standard streams. Terminal detection is per stream (on Linux through {@code /proc/self/fd},
 * elsewhere through {@link System#console()}), and JLine is loaded only when a prompt or the terminal
 * width is actually needed.
 */
public final class SystemTerminal implements Terminal {
    private final OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    private final PrintStream out = new PrintStream(new BufferedOutputStream(stdout, 1 << 14), false, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    // Wrapped: on JDK 17, FileInputStream's own readAllBytes() and readNBytes() fail on a pipe with
    // "Illegal seek" ('printf %s "$KEY" | apikey import …'); the wrapper reads with plain read() calls.
    private final InputStream in = new FilterInputStream(new FileInputStream(FileDescriptor.in)) {
    };
    private final Map<String, String> environment;
    private final boolean consolePresent = System.console() != null;
    private Boolean stdinTty;
    private Boolean stdoutTty;
    private Boolean stderrTty;
    private UserPrompts prompts;
    private JLinePrompts jline;

    public SystemTerminal(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public OutputStream stdout() {
        out.flush();
        return stdout;
    }

    @Override
    public PrintStream out() {
        return out;
    }

    @Override
    public PrintStream err() {
        return err;
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public boolean stdinIsTerminal() {
        if (stdinTty == null) {
            stdinTty = isTerminal(0);
        }
        return stdinTty;
    }

    @Override
    public boolean stdoutIsTerminal() {
        if (stdoutTty == null) {
            stdoutTty = isTerminal(1);
        }
        return stdoutTty;
    }

    @Override
    public boolean stderrIsTerminal() {
        if (stderrTty == null) {
            stderrTty = isTerminal(2);
        }
        return stderrTty;
    }

    @Override
    public int width() {
        if (!stdoutIsTerminal()) {
            return 0;
        }
        String columns = environment.get("COLUMNS");
        if (columns != null && columns.matches("\\d{1,4}")) {
            return Integer.parseInt(columns);
        }
        return jline().width();
    }

    /** JLine, loaded only when there is a terminal to prompt on (it is not free to start). */
    @Override
    public UserPrompts prompts() {
        if (prompts == null) {
            prompts = stdinIsTerminal() && stderrIsTerminal() ? jline() : UserPrompts.NONE;
        }
        return prompts;
    }

    private JLinePrompts jline() {
        if (jline == null) {
            jline = new JLinePrompts(stdinIsTerminal() && stderrIsTerminal(), err);
        }
        return jline;
    }

    @Override
    public boolean inheritable() {
        return true;
    }

    private boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.exists(Path.of("/proc/self/fd"))) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        // Elsewhere the JDK only tells whether stdin and stdout are both a terminal; stderr is
        // taken to be where they are.
        return consolePresent;
    }
}
