package dev.apikey.cli;

import dev.apikey.core.ActionNeededException;
import dev.apikey.core.CancelledException;
import dev.apikey.core.CommandNotStartedException;
import dev.apikey.core.CredentialRejectedException;
import dev.apikey.core.NotFoundException;
import dev.apikey.core.PolicyException;
import dev.apikey.core.ProviderUnavailableException;
import dev.apikey.core.SecretStoreException;
import dev.apikey.core.UsageException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The documented exit codes: the one place failures are mapped to them, and the source of the help's
 * exit-code list and of the README's table (a test keeps the README in step).
 */
public enum ExitCode {
    OK(0, "success (also an empty list)"),
    FAILURE(1, "failure not covered below; request got HTTP status >= 400"),
    USAGE(2, "usage error (bad flag or value, bad name, missing --yes without a terminal)"),
    NOT_FOUND(3, "not found (no such key or provider, here or at the provider)"),
    CREDENTIAL_REJECTED(4, "the provider refused the management credential (HTTP 401/403)"),
    SECRET_STORE(5, "secret store unavailable, locked, timed out, or wrong passphrase"),
    PROVIDER_UNAVAILABLE(6, "provider or network failure after retries"),
    POLICY(7, "refused by policy (key bound to another host, plain http)"),
    ACTION_NEEDED(8, "action needed (unfinished rotation; status --check found work)"),
    CANNOT_EXECUTE(CommandNotStartedException.NOT_EXECUTABLE, "exec: the command cannot be executed"),
    COMMAND_NOT_FOUND(CommandNotStartedException.NOT_FOUND, "exec: the command was not found"),
    CANCELLED(130, "cancelled (Ctrl-C, declined prompt)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The exit code of a failure: the code of its most specific type in {@link Failures#CODES}, else 1. */
    public static ExitCode of(Throwable failure) {
        if (failure instanceof CommandNotStartedException e) {
            return e.exitCode() == COMMAND_NOT_FOUND.code ? COMMAND_NOT_FOUND : CANNOT_EXECUTE; // as a shell: 127 or 126
        }
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            ExitCode code = Failures.CODES.get(type);
            if (code != null) {
                return code;
            }
        }
        return FAILURE;
    }

    /** Which failure exits with which code; a class of its own, so a command that succeeds never loads it. */
    private static final class Failures {
        static final Map<Class<?>, ExitCode> CODES = Map.of(
                UsageException.class, USAGE,
                NotFoundException.class, NOT_FOUND,
                CredentialRejectedException.class, CREDENTIAL_REJECTED,
                SecretStoreException.class, SECRET_STORE,
                ProviderUnavailableException.class, PROVIDER_UNAVAILABLE,
                PolicyException.class, POLICY,
                ActionNeededException.class, ACTION_NEEDED,
                CancelledException.class, CANCELLED);
    }

    /** For picocli's exit-code mapper. */
    static int codeOf(Throwable failure) {
        return of(failure).code;
    }

    /** The help's exit-code list: code, meaning. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode c : values()) {
            list.put(String.valueOf(c.code), c.meaning);
        }
        return list;
    }

    /** The README's table of exit codes, in Markdown. */
    public static String markdownTable() {
        StringBuilder s = new StringBuilder("| code | meaning |\n|---|---|\n");
        for (ExitCode c : values()) {
            s.append("| ").append(c.code).append(" | ").append(c.meaning.replace("|", "\\|")).append(" |\n");
        }
        return s.toString();
    }
}
