package dev.apikey.cli.completion;

import dev.apikey.cli.completion.ValueCompletion.Kind;
import dev.apikey.provider.ProviderType;
import dev.apikey.provider.ProviderTypes;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.StreamSupport;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * What completes where, read off picocli's command model: every command with its subcommands,
 * options and positional parameters, and what each value is. The completion scripts for every shell
 * and the interactive shell are all made from this, so a new command or option completes everywhere
 * without touching a script.
 *
 * <p>What a value is comes from, in order: the argument's {@code completionCandidates} (see
 * {@link CompletionCandidates}; an enum's constants count too), a {@link File} or {@link Path} type,
 * then its label: {@code REF} is an existing key, {@code PROVIDER} a provider, {@code DIR} a
 * directory, a label with {@code FILE} or ending in {@code .json} a file, {@code CMD} a command line.
 */
public final class CompletionModel {

    /** A command, {@code path} being the words after {@code apikey} that select it (empty for the root). */
    public record Command(List<String> path, String description, List<Subcommand> subcommands, List<Option> options,
                          List<Positional> positionals) {

        /** The command's path as one string, {@code ""} for the root. */
        public String key() {
            return String.join(" ", path);
        }

        /** What completes the positional parameter at this index (counted from 0), if any. */
        public ValueCompletion positional(int index) {
            for (Positional p : positionals) {
                if (index >= p.from() && index <= p.to()) {
                    return p.value();
                }
            }
            return ValueCompletion.NONE;
        }

        /** Whether a command line to run follows {@code --}, as with {@code exec}. */
        public boolean runsCommand() {
            return positionals.stream().anyMatch(p -> p.value().kind() == Kind.COMMAND);
        }
    }

    public record Subcommand(String name, String description) {
    }

    /** An option; {@code value} is null for a flag that takes no value. */
    public record Option(List<String> names, String description, ValueCompletion value) {
        public boolean takesValue() {
            return value != null;
        }
    }

    /** Positional parameters at indexes {@code from..to} (inclusive; {@link Integer#MAX_VALUE} for no end). */
    public record Positional(int from, int to, ValueCompletion value) {
    }

    private final List<Command> commands;
    private final List<String> builtInProviders;

    private CompletionModel(List<Command> commands, List<String> builtInProviders) {
        this.commands = List.copyOf(commands);
        this.builtInProviders = List.copyOf(builtInProviders);
    }

    /**
     * Reads the model of {@code root} and its subcommands.
     *
     * @param providerTypes the provider types this apikey knows: the values of {@code --type}, and — those
     *                      that work without {@code provider add} — provider names
     */
    public static CompletionModel of(CommandSpec root, ProviderTypes providerTypes) {
        return of(root, providerTypes.all().stream().map(ProviderType::name).toList(),
                providerTypes.all().stream().filter(ProviderType::worksWithoutConfiguration).map(ProviderType::name).toList());
    }

    /** Reads the model of {@code root} and its subcommands, with these provider types and built-in providers. */
    public static CompletionModel of(CommandSpec root, List<String> providerTypes, List<String> builtInProviders) {
        List<Command> commands = new ArrayList<>();
        collect(root, List.of(), providerTypes, commands);
        return new CompletionModel(commands, builtInProviders);
    }

    /** Every command, each before its subcommands. */
    public List<Command> commands() {
        return commands;
    }

    /** Provider names that work without {@code provider add}: the built-in types but {@code http}. */
    public List<String> builtInProviders() {
        return builtInProviders;
    }

    /** The command selected by a path of subcommand names; the root for the empty path. */
    public Command command(List<String> path) {
        String key = String.join(" ", path);
        return commands.stream().filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no command '" + key + "'"));
    }

    private static void collect(CommandSpec spec, List<String> path, List<String> types, List<Command> out) {
        List<Subcommand> subs = new ArrayList<>();
        List<CommandSpec> children = new ArrayList<>();
        Set<CommandLine> seen = new LinkedHashSet<>();
        for (CommandLine sub : spec.subcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (!seen.add(sub) || s.usageMessage().hidden()) {
                continue;
            }
            children.add(s);
            String description = firstLine(s.usageMessage().description());
            subs.add(new Subcommand(s.name(), description));
            for (String alias : s.aliases()) {
                subs.add(new Subcommand(alias, description));
            }
        }
        List<Option> options = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            options.add(new Option(List.of(o.names()), describe(o), o.arity().max() > 0 ? valueOf(o, types) : null));
        }
        // picocli lists options in reflection order, which differs between builds: sort, so that the
        // generated scripts are the same on every machine.
        options.sort(java.util.Comparator.comparing(CompletionModel::sortKey));
        List<Positional> positionals = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.hidden()) {
                continue;
            }
            ValueCompletion value = spec.userObject() instanceof CommandLine.HelpCommand
                    ? ValueCompletion.words(siblings(spec))
                    : valueOf(p, types);
            CommandLine.Range index = p.index();
            positionals.add(new Positional(index.min(), index.isUnspecified() || index.max() == Integer.MAX_VALUE
                    ? Integer.MAX_VALUE : index.max(), value));
        }
        out.add(new Command(path, firstLine(spec.usageMessage().description()), subs, options, positionals));
        for (CommandSpec child : children) {
            List<String> childPath = new ArrayList<>(path);
            childPath.add(child.name());
            collect(child, childPath, types, out);
        }
    }

    private static String sortKey(Option o) {
        String longest = o.names().stream().max(java.util.Comparator.comparingInt(String::length)).orElse("");
        return longest.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
    }

    /** The commands {@code help} can explain: its parent's subcommands. */
    private static List<String> siblings(CommandSpec help) {
        List<String> names = new ArrayList<>();
        CommandSpec parent = help.parent();
        if (parent != null) {
            for (CommandLine sub : new LinkedHashSet<>(parent.subcommands().values())) {
                if (!sub.getCommandSpec().usageMessage().hidden()) {
                    names.add(sub.getCommandSpec().name());
                }
            }
        }
        return names;
    }

    static ValueCompletion valueOf(ArgSpec arg, List<String> providerTypes) {
        Iterable<String> candidates = arg.completionCandidates();
        if (candidates instanceof CompletionCandidates.Dynamic d) {
            return ValueCompletion.of(d.kind());
        }
        if (candidates instanceof CompletionCandidates.ProviderTypeNames) {
            return ValueCompletion.words(providerTypes);
        }
        if (candidates != null) {
            return ValueCompletion.words(StreamSupport.stream(candidates.spliterator(), false).toList());
        }
        String label = label(arg);
        Class<?> type = arg.typeInfo().isMultiValue() && arg.auxiliaryTypes().length > 0
                ? arg.auxiliaryTypes()[0] : arg.type();
        if (type == File.class || type == Path.class) {
            return ValueCompletion.of(label.contains("DIR") ? Kind.DIRECTORY : Kind.FILE);
        }
        return switch (label) {
            case "REF" -> ValueCompletion.of(Kind.KEY_REF);
            case "PROVIDER" -> ValueCompletion.of(Kind.PROVIDER);
            case "DIR", "DIRECTORY" -> ValueCompletion.of(Kind.DIRECTORY);
            case "CMD", "COMMAND" -> ValueCompletion.of(Kind.COMMAND);
            default -> label.contains("FILE") || label.endsWith(".JSON")
                    ? ValueCompletion.of(Kind.FILE) : ValueCompletion.NONE;
        };
    }

    /** The label without decoration: {@code <REF>...} → {@code REF}. */
    private static String label(ArgSpec arg) {
        return arg.paramLabel().replaceAll("[<>\\[\\]]|\\.\\.\\.$", "").trim().toUpperCase(Locale.ROOT);
    }

    private static String describe(OptionSpec o) {
        String text = firstLine(o.description());
        if (text.contains("${DEFAULT-VALUE}")) {
            text = text.replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()));
        }
        return text;
    }

    /** The first line of a description, as one plain line: completion menus have room for no more. */
    static String firstLine(String[] description) {
        if (description == null || description.length == 0) {
            return "";
        }
        return description[0].replace("%n", " ").replaceAll("\\s+", " ").trim();
    }
}
