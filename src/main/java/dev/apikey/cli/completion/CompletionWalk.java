package dev.apikey.cli.completion;

import dev.apikey.cli.completion.CompletionModel.Command;
import dev.apikey.cli.completion.CompletionModel.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the word being completed stands, found by walking the words before it through the model, as
 * the shell scripts do: which command, whether it is an option's value, which positional parameter,
 * and the {@code --config-dir} given on the line, if any.
 *
 * @param command       the command the words select
 * @param pendingValue  what completes the word when it is the value of the option before it
 * @param positional    the index of the positional parameter the word would be
 * @param afterDashDash whether {@code --} came before the word
 * @param configDir     the {@code --config-dir} on the line, or null
 */
public record CompletionWalk(Command command, ValueCompletion pendingValue, int positional, boolean afterDashDash,
                             String configDir) {

    private static final String CONFIG_DIR = "--config-dir";

    public static CompletionWalk of(CompletionModel model, List<String> before) {
        List<String> path = new ArrayList<>();
        Command command = model.command(path);
        int npos = 0;
        boolean dashdash = false;
        String configDir = null;
        Option pending = null;
        for (String word : before) {
            if (pending != null) {
                if (pending.names().contains(CONFIG_DIR)) {
                    configDir = word;
                }
                pending = null;
            } else if (dashdash) {
                npos++;
            } else if (word.equals("--")) {
                dashdash = true;
            } else if (word.startsWith(CONFIG_DIR + "=")) {
                configDir = word.substring(CONFIG_DIR.length() + 1);
            } else if (word.startsWith("-")) {
                if (!word.contains("=")) {
                    pending = option(command, word).filter(Option::takesValue).orElse(null);
                }
            } else if (npos == 0 && isSubcommand(command, word)) {
                path.add(word);
                command = model.command(path);
            } else {
                npos++;
            }
        }
        return new CompletionWalk(command, pending == null ? null : pending.value(), npos, dashdash, configDir);
    }

    /** The option of the walked command with this name. */
    public Optional<Option> option(String name) {
        return option(command, name);
    }

    private static Optional<Option> option(Command command, String name) {
        return command.options().stream().filter(o -> o.names().contains(name)).findFirst();
    }

    private static boolean isSubcommand(Command command, String word) {
        return command.subcommands().stream().anyMatch(s -> s.name().equals(word));
    }
}
