package dev.apikey.cli;

import dev.apikey.core.ApikeyException;
import dev.apikey.core.Printable;
import dev.apikey.core.Redactor;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into {@code apikey: <what went wrong>}, an optional {@code hint: <what to do>},
 * and its exit code. A stack trace only with {@code --verbose}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final CliContext context;

    ErrorReporter(CliContext context) {
        this.context = context;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        return report(null, ex);
    }

    /**
     * Reports a failure and returns its exit code; with a subject, the failure of one item of a command that
     * goes on with the others ({@code rotate}'s keys): {@code apikey: SUBJECT: <what went wrong>}.
     */
    int report(String subject, Throwable ex) {
        context.terminal().out().flush();
        return report(subject, ex, context.terminal().err(), context.redactor(), context.options().verbose);
    }

    /**
     * Reports a failure on {@code err}, with a subject (or null) as {@link #report(String, Throwable)}. Every line goes through the redactor — a secret this invocation
     * knows never appears, whatever message an exception carries — and has its control characters
     * escaped, since messages quote providers, files and other programs (SPEC §4).
     */
    static int report(String subject, Throwable ex, PrintStream err, Redactor redactor, boolean verbose) {
        String apikey = "apikey: " + (subject == null ? "" : subject + ": ");
        if (interrupted(ex)) {
            // Ctrl-C in the interactive shell interrupts the running command.
            err.println("apikey: cancelled");
            err.flush();
            return ExitCode.CANCELLED.code();
        }
        if (ex instanceof ApikeyException ae) {
            err.println(safe(redactor, apikey + ae.getMessage()));
            if (ae.hint() != null) {
                err.println(safe(redactor, "hint: " + ae.hint()));
            }
        } else {
            // A bug, not a user error: say so, and keep its type for the report.
            err.println(safe(redactor, apikey + "internal error: " + ex.getClass().getName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage())));
            if (!verbose) {
                err.println("hint: run again with --verbose for details");
            }
        }
        if (verbose) {
            java.io.StringWriter trace = new java.io.StringWriter();
            ex.printStackTrace(new java.io.PrintWriter(trace));
            trace.toString().lines().forEach(line -> err.println(line.startsWith("\t")
                    ? "\t" + safe(redactor, line.substring(1)) : safe(redactor, line)));
        }
        err.flush();
        return ExitCode.codeOf(ex);
    }

    /** A line for stderr: known secrets redacted and control characters escaped (also for notices). */
    static String safe(Redactor redactor, String line) {
        // Redacted again after escaping: escaping must not spell out a secret that contains a backslash.
        return redactor.redact(Printable.escape(redactor.redact(line)));
    }

    private static boolean interrupted(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.nio.channels.ClosedByInterruptException
                    || t instanceof java.nio.channels.FileLockInterruptionException
                    || t.getClass() == java.io.InterruptedIOException.class && !dev.apikey.http.HttpErrors.isTimeout(t)) {
                // (OkHttp's call timeout is a bare InterruptedIOException: a timeout, exit 6, not 130.)
                return true;
            }
        }
        return false;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        PrintStream err = context.terminal().err();
        err.println("apikey: " + ex.getMessage());
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            err.println("hint: did you mean " + String.join(" or ", u.getSuggestions()) + "?");
        } else {
            err.println("hint: see '" + name + " --help'");
        }
        err.flush();
        return ExitCode.USAGE.code();
    }
}
