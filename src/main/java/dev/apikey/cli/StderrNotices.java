package dev.apikey.cli;

import dev.apikey.core.Notices;
import java.io.PrintStream;

/** Notices on stderr: warnings always, information unless {@code --quiet}, detail with {@code --verbose}. */
final class StderrNotices implements Notices {
    private final PrintStream err;
    private final GlobalOptions options;

    StderrNotices(PrintStream err, GlobalOptions options) {
        this.err = err;
        this.options = options;
    }

    @Override
    public void warn(String message) {
        err.println("warning: " + message);
    }

    @Override
    public void info(String message) {
        if (!options.quiet) {
            err.println(message);
        }
    }

    @Override
    public void verbose(String message) {
        if (options.verbose) {
            err.println("* " + message);
        }
    }
}
