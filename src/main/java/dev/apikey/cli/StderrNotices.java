package dev.apikey.cli;

import dev.apikey.core.Notices;
import dev.apikey.core.Redactor;
import java.io.PrintStream;

/** Notices on stderr: warnings always, information unless {@code --quiet}, detail with {@code --verbose}. */
final class StderrNotices implements Notices {
    private final PrintStream err;
    private final GlobalOptions options;
    private final Redactor redactor;

    StderrNotices(PrintStream err, GlobalOptions options, Redactor redactor) {
        this.err = err;
        this.options = options;
        this.redactor = redactor;
    }

    @Override
    public void warn(String message) {
        err.println("warning: " + redactor.redact(message));
    }

    @Override
    public void info(String message) {
        if (!options.quiet) {
            err.println(redactor.redact(message));
        }
    }

    @Override
    public void verbose(String message) {
        if (options.verbose) {
            err.println("* " + redactor.redact(message));
        }
    }
}
