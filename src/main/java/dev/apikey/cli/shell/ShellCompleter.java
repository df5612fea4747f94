package dev.apikey.cli.shell;

import dev.apikey.cli.completion.CachedNames;
import dev.apikey.cli.completion.CompletionModel;
import dev.apikey.cli.completion.CompletionModel.Command;
import dev.apikey.cli.completion.CompletionWalk;
import dev.apikey.cli.completion.ValueCompletion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * TAB in {@code apikey shell}: the same model and name cache as the shell scripts, so commands,
 * options, values, refs and providers complete as they do in bash or zsh.
 */
final class ShellCompleter implements Completer {
    private final CompletionModel model;
    /** The name cache for a {@code --config-dir} typed on the line (null when none). */
    private final Function<String, Path> cacheFor;
    private final Completer files = new Completers.FileNameCompleter();
    private final Completer directories = new Completers.DirectoriesCompleter(() -> Path.of("").toAbsolutePath());

    ShellCompleter(CompletionModel model, Function<String, Path> cacheFor) {
        this.model = model;
        this.cacheFor = cacheFor;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> before = new ArrayList<>(line.words().subList(0, line.wordIndex()));
        if (!before.isEmpty() && before.get(0).equals("apikey")) {
            before.remove(0);
        }
        String word = line.word().substring(0, line.wordCursor());
        CompletionWalk walk = CompletionWalk.of(model, before);
        Command command = walk.command();
        if (walk.pendingValue() != null) {
            values(walk.pendingValue(), walk, word, "", reader, line, candidates);
        } else if (!walk.afterDashDash() && word.startsWith("-") && word.contains("=")) {
            String name = word.substring(0, word.indexOf('='));
            walk.option(name).filter(CompletionModel.Option::takesValue).ifPresent(o ->
                    values(o.value(), walk, word.substring(name.length() + 1), name + "=", reader, line, candidates));
        } else if (!walk.afterDashDash() && word.startsWith("-")) {
            for (CompletionModel.Option o : command.options()) {
                for (String name : o.names()) {
                    candidates.add(new Candidate(name, name, "options", o.description(), null, null, !o.takesValue()));
                }
            }
        } else if (!(walk.afterDashDash() && command.runsCommand())) {
            if (walk.positional() == 0) {
                for (CompletionModel.Subcommand s : command.subcommands()) {
                    candidates.add(new Candidate(s.name(), s.name(), "commands", s.description(), null, null, true));
                }
            }
            values(command.positional(walk.positional()), walk, word, "", reader, line, candidates);
        }
    }

    private void values(ValueCompletion value, CompletionWalk walk, String word, String prefix, LineReader reader,
                        ParsedLine line, List<Candidate> candidates) {
        switch (value.kind()) {
            case KEY_REF -> names(walk).refs().forEach(r -> candidates.add(plain(prefix + r, "keys", true)));
            case PROVIDER -> names(walk).providersAnd(model.builtInProviders())
                    .forEach(p -> candidates.add(plain(prefix + p, "providers", true)));
            case NEW_KEY_REF -> {
                if (!word.contains("/")) {
                    names(walk).providersAnd(model.builtInProviders())
                            .forEach(p -> candidates.add(plain(prefix + p + "/", "providers", false)));
                }
            }
            case WORDS -> value.words().forEach(w -> candidates.add(plain(prefix + w, "values", true)));
            case FILE -> files.complete(reader, line, candidates);
            case DIRECTORY -> directories.complete(reader, line, candidates);
            case NONE, COMMAND -> {
            }
        }
    }

    private CachedNames names(CompletionWalk walk) {
        return CachedNames.read(cacheFor.apply(walk.configDir()));
    }

    private static Candidate plain(String value, String group, boolean complete) {
        return new Candidate(value, value, group, null, null, null, complete);
    }
}
