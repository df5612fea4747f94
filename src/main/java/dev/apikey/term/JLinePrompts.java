package dev.apikey.term;

import dev.apikey.core.CancelledException;
import dev.apikey.core.UserPrompts;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.TerminalBuilder;

/**
 * Prompts through JLine on the controlling terminal, written to stderr so that stdout stays data
 * only. Secrets are read with echo off: not even a mask character shows how long they are.
 */
public final class JLinePrompts implements UserPrompts {
    private static final Character NO_ECHO = org.jline.reader.impl.LineReaderImpl.NULL_MASK;

    private final boolean available;
    private final PrintStream err;
    private org.jline.terminal.Terminal terminal;
    private LineReader reader;

    JLinePrompts(boolean available, PrintStream err) {
        this.available = available;
        this.err = err;
    }

    /** Prompts on a JLine terminal that is already open, such as the interactive shell's. */
    public static JLinePrompts on(org.jline.terminal.Terminal terminal, PrintStream err) {
        JLinePrompts prompts = new JLinePrompts(true, err);
        prompts.terminal = terminal;
        return prompts;
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public char[] secret(String prompt) {
        String line = read(prompt, NO_ECHO);
        return line.toCharArray();
    }

    @Override
    public boolean confirm(String question) {
        String answer = read(question + " [y/N] ", null).trim().toLowerCase(Locale.ROOT);
        return answer.equals("y") || answer.equals("yes");
    }

    int width() {
        try {
            return Math.max(0, terminal().getWidth());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private String read(String prompt, Character mask) {
        if (!available) {
            throw new IllegalStateException("no terminal to prompt on");
        }
        err.flush();
        try {
            return reader().readLine(prompt, mask);
        } catch (UserInterruptException | EndOfFileException e) {
            throw new CancelledException("cancelled");
        }
    }

    private LineReader reader() {
        if (reader == null) {
            reader = LineReaderBuilder.builder().terminal(terminal())
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .variable(LineReader.HISTORY_SIZE, 0)
                    .build();
        }
        return reader;
    }

    private org.jline.terminal.Terminal terminal() {
        if (terminal == null) {
            try {
                terminal = TerminalBuilder.builder().system(true)
                        .systemOutput(TerminalBuilder.SystemOutput.SysErr)
                        .nativeSignals(true)
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return terminal;
    }
}
