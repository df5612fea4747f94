package dev.apikey.cli;

import dev.apikey.core.CancelledException;
import dev.apikey.core.UsageException;
import dev.apikey.core.UserPrompts;

/** Destructive commands ask on a terminal; without one they need {@code --yes}. */
final class Confirmation {
    private Confirmation() {
    }

    static void require(CliContext context, boolean yes, String question) {
        if (yes) {
            return;
        }
        UserPrompts prompts = context.prompts();
        if (!prompts.available()) {
            throw new UsageException("refusing to " + question.replaceFirst("\\?$", "") + " without confirmation",
                    "add --yes to confirm when there is no terminal");
        }
        if (!prompts.confirm(capitalise(question))) {
            throw new CancelledException("cancelled");
        }
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
