package dev.apikey.testing;

import dev.apikey.core.CancelledException;
import dev.apikey.core.UserPrompts;
import dev.apikey.term.Terminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A terminal with captured streams, a chosen shape, and scripted answers to prompts. */
public final class TestTerminal implements Terminal {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final InputStream in;
    private final boolean stdinTty;
    private final boolean stdoutTty;
    private final boolean stderrTty;
    private final int width;
    private final Deque<String> answers;
    private final List<String> asked = new ArrayList<>();

    public TestTerminal(byte[] stdin, boolean stdinTty, boolean stdoutTty, boolean stderrTty, int width, List<String> answers) {
        this.in = new ByteArrayInputStream(stdin);
        this.stdinTty = stdinTty;
        this.stdoutTty = stdoutTty;
        this.stderrTty = stderrTty;
        this.width = width;
        this.answers = new ArrayDeque<>(answers);
    }

    public String stdoutText() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    /** Standard output byte for byte, for binary data. */
    public byte[] stdoutBytes() {
        return outBytes.toByteArray();
    }

    public String stderrText() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** The prompts shown, in order. */
    public List<String> asked() {
        return asked;
    }

    @Override
    public OutputStream stdout() {
        return outBytes;
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
        return stdinTty;
    }

    @Override
    public boolean stdoutIsTerminal() {
        return stdoutTty;
    }

    @Override
    public boolean stderrIsTerminal() {
        return stderrTty;
    }

    @Override
    public int width() {
        return stdoutTty ? width : 0;
    }

    @Override
    public UserPrompts prompts() {
        return new UserPrompts() {
            @Override
            public boolean available() {
                return stdinTty && stderrTty;
            }

            @Override
            public char[] secret(String prompt) {
                return next(prompt).toCharArray();
            }

            @Override
            public boolean confirm(String question) {
                String a = next(question);
                return a.equalsIgnoreCase("y") || a.equalsIgnoreCase("yes");
            }

            private String next(String prompt) {
                asked.add(prompt);
                err.print(prompt);
                if (answers.isEmpty()) {
                    throw new CancelledException("cancelled"); // like Ctrl-D at the prompt
                }
                return answers.pop();
            }
        };
    }
}
