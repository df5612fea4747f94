package dev.apikey.cli;

import dev.apikey.core.KeyRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Range;
import picocli.CommandLine.ScopeType;

/**
 * A command's picocli model, declared in code.
 *
 * <p>The root with its global options and every command declare their model here rather than in
 * annotations; only picocli's own {@code help} command is annotated, and it is read only where the whole
 * tree is built anyway (help, completion, the shell). picocli reads annotations by reflection, and each
 * annotation type it reads is a dynamic proxy generated when the process starts, which no class-data
 * archive holds: 35–50 ms of every such start, against under 10 ms for the same model built in code. The model is the same either way, and help,
 * man pages, completion scripts and the shell read it from picocli as before.
 *
 * <p>Each value is bound to the command by a setter (and, for a list or map, a getter too), with the
 * command's value before parsing as the initial one, so parsing assigns the command's fields exactly as
 * annotations on them would.
 */
final class CommandModel {
    private final CommandSpec spec;

    private CommandModel(CommandSpec spec) {
        this.spec = spec;
    }

    /** The model of {@code command}, run under {@code name}; the command gets it as its {@link BaseCommand#spec}. */
    static CommandModel of(String name, BaseCommand command) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command, new DefaultFactoryWhenNeeded()).name(name);
        command.spec = spec;
        return new CommandModel(spec);
    }

    CommandModel description(String... lines) {
        spec.usageMessage().description(lines);
        return this;
    }

    /** Usage lines shown under "Examples:" at the end of the help. */
    CommandModel examples(String... lines) {
        spec.usageMessage().footerHeading("%nExamples:%n").footer(lines);
        return this;
    }

    CommandModel synopsis(String line) {
        spec.usageMessage().customSynopsis(line);
        return this;
    }

    /** A positional parameter at {@code index} ({@code "0"}, {@code "1"}), taking {@code arity} values. */
    <T> CommandModel parameter(String index, String arity, String label, String description, Class<T> type,
            Consumer<T> set) {
        return addParameter(parameterBuilder(index, arity, label, description, type, set));
    }

    CommandModel addParameter(PositionalParamSpec.Builder parameter) {
        spec.addPositional(parameter.build());
        return this;
    }

    /** The positional parameters from {@code index} on, as a list, {@code arity} at a time. */
    CommandModel parameters(String index, String arity, String label, String description, Supplier<List<String>> get,
            Consumer<List<String>> set) {
        spec.addPositional(PositionalParamSpec.builder().index(index + "..*").arity(arity).paramLabel(label)
                .description(description).type(List.class).auxiliaryTypes(String.class)
                .initialValue(get.get()).getter(getter(get)).setter(setter(set)).build());
        return this;
    }

    /** An option without a value. */
    CommandModel flag(String[] names, String description, Consumer<Boolean> set) {
        return add(flagBuilder(names, description, set));
    }

    /** An option taking one value. */
    <T> CommandModel option(String[] names, String label, String description, Class<T> type, Consumer<T> set) {
        return add(valueBuilder(names, label, description, type, set));
    }

    /**
     * A repeatable option, as a list. (picocli fills a new list at an invocation's first value, and sets it,
     * so the one the command starts with stays what it was.)
     */
    CommandModel repeatable(String[] names, String label, String description, Supplier<List<String>> get,
            Consumer<List<String>> set) {
        return add(OptionSpec.builder(names).paramLabel(label).description(description).arity("1")
                .type(List.class).auxiliaryTypes(String.class)
                .initialValue(get.get()).getter(getter(get)).setter(setter(set)));
    }

    /** A repeatable {@code KEY=VALUE} option, as a map. */
    CommandModel keyValues(String[] names, String label, String description, Supplier<Map<String, String>> get,
            Consumer<Map<String, String>> set) {
        return add(OptionSpec.builder(names).paramLabel(label).description(description).arity("1")
                .type(Map.class).auxiliaryTypes(String.class, String.class)
                .initialValue(get.get()).getter(getter(get)).setter(setter(set)));
    }

    /** The key a command acts on: {@code REF}, its first parameter. */
    CommandModel key(Consumer<KeyRef> set) {
        return parameter("0", "1", "REF", "The key, PROVIDER/NAME.", KeyRef.class, set);
    }

    /** {@code --max-age} of a key that is made or imported. */
    CommandModel maxAge(Consumer<Duration> set) {
        return option(names("--max-age"), "DURATION", "Rotate this key with 'rotate --due' once it is this old (else the "
                + "provider's maxAge).", Duration.class, set);
    }

    /** {@code -y/--yes}: a destructive command asks for no confirmation. */
    CommandModel yes(Consumer<Boolean> set) {
        return flag(names("-y", "--yes"), "Do not ask for confirmation (required without a terminal).", set);
    }

    /** An option every subcommand accepts too, after or before its name. */
    CommandModel global(OptionSpec.Builder option) {
        return add(option.scopeType(ScopeType.INHERIT));
    }

    CommandModel add(OptionSpec.Builder option) {
        spec.addOption(option.build());
        return this;
    }

    CommandSpec spec() {
        return spec;
    }

    static OptionSpec.Builder flagBuilder(String[] names, String description, Consumer<Boolean> set) {
        return OptionSpec.builder(names).description(description).type(boolean.class)
                .initialValue(false).setter(setter(set));
    }

    static <T> PositionalParamSpec.Builder parameterBuilder(String index, String arity, String label, String description,
            Class<T> type, Consumer<T> set) {
        return PositionalParamSpec.builder().index(index).arity(arity).required(Range.valueOf(arity).min() > 0)
                .paramLabel(label).description(description).type(type).initialValue(null).setter(setter(set));
    }

    static <T> OptionSpec.Builder valueBuilder(String[] names, String label, String description, Class<T> type,
            Consumer<T> set) {
        return OptionSpec.builder(names).paramLabel(label).description(description).type(type)
                .initialValue(null).setter(setter(set));
    }

    static String[] names(String... names) {
        return names;
    }

    private static <T> ISetter setter(Consumer<T> set) {
        return new ISetter() {
            @Override
            @SuppressWarnings("unchecked")
            public <V> V set(V value) {
                set.accept((T) value);
                return null;
            }
        };
    }

    private static IGetter getter(Supplier<?> get) {
        return new IGetter() {
            @Override
            @SuppressWarnings("unchecked")
            public <V> V get() {
                return (V) get.get();
            }
        };
    }
}
