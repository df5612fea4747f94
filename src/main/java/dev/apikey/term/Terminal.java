package dev.apikey.term;

import dev.apikey.core.UserPrompts;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The process's standard streams and what is known about them. Commands write through this, never to
 * {@code System.out}, so that tests can run them with captured streams and a chosen terminal shape.
 */
public interface Terminal {

    /** Raw standard output, for bodies that must pass through byte for byte. */
    OutputStream stdout();

    /** Standard output as UTF-8 text: data only. */
    PrintStream out();

    /** Standard error as UTF-8 text: progress, warnings, errors, hints. */
    PrintStream err();

    InputStream in();

    boolean stdinIsTerminal();

    boolean stdoutIsTerminal();

    boolean stderrIsTerminal();

    /** The width of the terminal standard output is on, or 0 when it is not a terminal or unknown. */
    int width();

    /** Prompts on the controlling terminal; {@link UserPrompts#available()} is false without one. */
    UserPrompts prompts();

    /**
     * Whether these are the process's own standard streams, which a child process can inherit as they
     * are; otherwise a child's streams must be copied to and from them.
     */
    default boolean inheritable() {
        return false;
    }
}
