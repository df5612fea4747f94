package dev.apikey.core;

/**
 * {@code exec} could not start the command. Its exit code follows the shell's convention: 127 when the
 * program is not found, 126 when it cannot be executed.
 */
public class CommandNotStartedException extends ApikeyException {
    public static final int NOT_FOUND = 127;
    public static final int NOT_EXECUTABLE = 126;

    private final int exitCode;

    public CommandNotStartedException(String message, String hint, int exitCode, Throwable cause) {
        super(message, hint, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
