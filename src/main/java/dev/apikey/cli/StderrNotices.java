package dev.apikey.cli;

import dev.apikey.core.Notices;
import dev.apikey.core.Redactor;
import dev.apikey.core.UserPrompts;
import dev.apikey.term.ProgressLine;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Notices on stderr: warnings always, information unless {@code --quiet}, detail with {@code --verbose},
 * and a progress line for slow calls when stderr is a terminal (never on a pipe, never with
 * {@code --quiet}, and not with {@code --verbose}, whose log shows the progress).
 */
final class StderrNotices implements Notices {
    private final PrintStream err;
    private final GlobalOptions options;
    private final Redactor redactor;
    private final BooleanSupplier stderrIsTerminal;
    private final Duration progressDelay;
    private ProgressLine progress;

    StderrNotices(PrintStream err, GlobalOptions options, Redactor redactor, BooleanSupplier stderrIsTerminal) {
        this(err, options, redactor, stderrIsTerminal, ProgressLine.DEFAULT_DELAY);
    }

    StderrNotices(PrintStream err, GlobalOptions options, Redactor redactor, BooleanSupplier stderrIsTerminal,
                  Duration progressDelay) {
        this.err = err;
        this.options = options;
        this.redactor = redactor;
        this.stderrIsTerminal = stderrIsTerminal;
        this.progressDelay = progressDelay;
    }

    @Override
    public void warn(String message) {
        clearProgress();
        err.println("warning: " + ErrorReporter.safe(redactor, message));
    }

    @Override
    public void info(String message) {
        if (!options.quiet) {
            clearProgress();
            err.println(ErrorReporter.safe(redactor, message));
        }
    }

    @Override
    public void verbose(String message) {
        if (options.verbose) {
            clearProgress();
            err.println("* " + ErrorReporter.safe(redactor, message));
        }
    }

    @Override
    public Activity activity(String label) {
        if (options.quiet || options.verbose || !stderrIsTerminal.getAsBoolean()) {
            return Activity.NONE;
        }
        if (progress == null) {
            progress = new ProgressLine(err, progressDelay);
        }
        return progress.start(label);
    }

    /** Prompts that keep the progress line off the screen while they wait for an answer. */
    UserPrompts pausingProgress(UserPrompts prompts) {
        return new UserPrompts() {
            @Override
            public boolean available() {
                return prompts.available();
            }

            @Override
            public char[] secret(String prompt) {
                return withoutProgress(() -> prompts.secret(prompt));
            }

            @Override
            public boolean confirm(String question) {
                return withoutProgress(() -> prompts.confirm(question));
            }
        };
    }

    private <T> T withoutProgress(Supplier<T> prompt) {
        ProgressLine paused = progress;
        if (paused != null) {
            paused.suspend();
        }
        try {
            return prompt.get();
        } finally {
            if (paused != null) {
                paused.resume();
            }
        }
    }

    private void clearProgress() {
        if (progress != null) {
            progress.output();
        }
    }

}
