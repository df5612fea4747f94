package dev.apikey.provider;

import dev.apikey.core.Secret;

/**
 * Asks the user for a secret a provider call needs besides the management credential — an account password,
 * a one-time code — from an environment variable, piped standard input, or a prompt that does not echo.
 * Never from the command line, where it would show in {@code ps} and the shell history.
 */
@FunctionalInterface
public interface SecretQuestions {

    /**
     * @param label    what is asked, for the prompt and errors ("npm account password")
     * @param variable the environment variable that may hold it ({@code APIKEY_NPM_PASSWORD})
     * @throws dev.apikey.core.UsageException when there is no way to ask, naming the variable
     */
    Secret ask(String label, String variable);

    /** For callers that never ask: every question fails. */
    SecretQuestions NONE = (label, variable) -> {
        throw new dev.apikey.core.UsageException("no " + label + " given", "set " + variable);
    };
}
