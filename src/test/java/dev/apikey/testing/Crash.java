package dev.apikey.testing;

/**
 * Stands for the process dying at this point (kill -9, power loss): an Error that no recovery code
 * catches, so the invocation ends with whatever was written so far. {@link CliRunner} reports it as
 * exit 137, as a shell reports a process killed by SIGKILL.
 */
public final class Crash extends Error {
    public enum When { BEFORE, AFTER }

    public Crash(String where) {
        super("simulated crash: " + where);
    }
}
