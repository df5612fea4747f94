package dev.apikey.cli.shell;

import dev.apikey.core.UserPrompts;
import dev.apikey.term.JLinePrompts;
import dev.apikey.term.Terminal;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The process's terminal as commands in the shell see it: the same streams, with prompts and the
 * width taken from the shell's JLine terminal, so that only one JLine terminal ever reads the keyboard.
 */
final class ShellTerminal implements Terminal {
    private final Terminal process;
    private final org.jline.terminal.Terminal jline;
    private final JLinePrompts prompts;

    ShellTerminal(Terminal process, org.jline.terminal.Terminal jline) {
        this.process = process;
        this.jline = jline;
        this.prompts = JLinePrompts.on(jline, process.err());
    }

    @Override
    public OutputStream stdout() {
        return process.stdout();
    }

    @Override
    public PrintStream out() {
        return process.out();
    }

    @Override
    public PrintStream err() {
        return process.err();
    }

    @Override
    public InputStream in() {
        return process.in();
    }

    @Override
    public boolean stdinIsTerminal() {
        return process.stdinIsTerminal();
    }

    @Override
    public boolean stdoutIsTerminal() {
        return process.stdoutIsTerminal();
    }

    @Override
    public boolean stderrIsTerminal() {
        return process.stderrIsTerminal();
    }

    @Override
    public int width() {
        return process.stdoutIsTerminal() ? Math.max(0, jline.getWidth()) : 0;
    }

    @Override
    public UserPrompts prompts() {
        return prompts;
    }
}
