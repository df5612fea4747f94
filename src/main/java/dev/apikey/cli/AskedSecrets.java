package dev.apikey.cli;

import dev.apikey.core.Secret;
import dev.apikey.core.UsageException;
import dev.apikey.core.UserPrompts;
import dev.apikey.provider.SecretQuestions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Secrets a provider call asks for (an npm password, a one-time code): the named environment variable, else the
 * next line of piped standard input, else a prompt that does not echo. Each question takes one line of standard
 * input, in the order the call asks them.
 */
public final class AskedSecrets implements SecretQuestions {
    private final CliContext context;
    private BufferedReader stdin;

    public AskedSecrets(CliContext context) {
        this.context = context;
    }

    @Override
    public Secret ask(String label, String variable) {
        String fromEnv = context.variables().get(variable);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            context.notices().verbose("using " + variable + " for the " + label);
            return Secret.of(fromEnv);
        }
        if (!context.terminal().stdinIsTerminal()) {
            String line = nextLine();
            if (line == null || line.isEmpty()) {
                throw new UsageException("no " + label + " given",
                        "set " + variable + ", or pipe it on standard input (one line per secret asked)");
            }
            return Secret.of(line);
        }
        UserPrompts prompts = context.prompts();
        if (!prompts.available()) {
            throw new UsageException("no " + label + " given, and prompting is off", "set " + variable);
        }
        char[] chars = prompts.secret(Character.toUpperCase(label.charAt(0)) + label.substring(1) + ": ");
        try {
            String s = new String(chars).strip();
            if (s.isEmpty()) {
                throw new UsageException("empty " + label);
            }
            return Secret.of(s);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private String nextLine() {
        try {
            if (stdin == null) {
                stdin = new BufferedReader(new InputStreamReader(context.terminal().in(), StandardCharsets.UTF_8));
            }
            String line = stdin.readLine();
            return line == null ? null : line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
