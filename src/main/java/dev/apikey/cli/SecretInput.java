package dev.apikey.cli;

import dev.apikey.core.Secret;
import dev.apikey.core.UsageException;
import dev.apikey.core.UserPrompts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a secret the user supplies: from stdin when it is piped, else from a prompt that does not
 * echo. Never from the command line, where it would show in {@code ps} and shell history.
 */
final class SecretInput {
    private static final int MAX_BYTES = 64 * 1024;

    private SecretInput() {
    }

    static Secret read(CliContext context, String prompt, String example) {
        if (!context.terminal().stdinIsTerminal()) {
            return fromStdin(context.terminal().in(), example);
        }
        UserPrompts prompts = context.prompts();
        if (!prompts.available()) {
            throw new UsageException("no secret given: standard input is a terminal and prompting is off",
                    "pipe the secret on standard input, e.g. " + example);
        }
        char[] chars = prompts.secret(prompt);
        try {
            String s = new String(chars).strip();
            if (s.isEmpty()) {
                throw new UsageException("empty secret");
            }
            return Secret.of(s);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static Secret fromStdin(InputStream in, String example) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new UsageException("the secret on standard input is larger than " + MAX_BYTES + " bytes");
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        Arrays.fill(bytes, (byte) 0);
        // Strip the line ending an `echo` or a file adds; nothing else, secrets may contain spaces.
        if (s.endsWith("\r\n")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw new UsageException("no secret on standard input", "pipe the secret, e.g. " + example);
        }
        if (s.indexOf('\n') >= 0) {
            throw new UsageException("the secret on standard input spans several lines",
                    "give one secret, on one line");
        }
        return Secret.of(s);
    }
}
