package dev.apikey.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Assembles the command line: the only place picocli is wired.
 *
 * <p>Each command declares its model in code ({@link CommandModel}), and building one still costs
 * milliseconds. An invocation runs one command, so {@link #commandLine(CliContext, String...)} models
 * the root and the invoked subcommand only; the whole tree is built only where it is shown or walked:
 * help, completion scripts, {@code apikey shell} and a name that is no command (for picocli's
 * suggestions).
 */
public final class Commands {
    /** The names of {@code apikey}'s subcommands, in the order help lists them. */
    static final List<String> SUBCOMMANDS = List.of("create", "import", "list", "get", "rotate", "revoke", "forget",
            "request", "exec", "provider", "status", "log", "target", "sync", "unlock", "lock", "completion", "shell", "help");

    /** The commands that read the whole command model when they run. */
    private static final Set<String> NEED_WHOLE_TREE = Set.of("completion", "shell", "help");

    private Commands() {
    }

    /** The whole command tree, as help, completion and the docs show it. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine root = root(context);
        for (String name : SUBCOMMANDS) {
            root.addSubcommand(name, subcommand(name, context));
        }
        return configure(root, context);
    }

    /** The command line for one invocation: the root and only the subcommand {@code args} invoke. */
    public static CommandLine commandLine(CliContext context, String... args) {
        CommandLine root = root(context);
        Invoked invoked = invoked(root.getCommandSpec(), args);
        String name = invoked.subcommand();
        if (name == null ? !invoked.versionOnly() : NEED_WHOLE_TREE.contains(name)) {
            return commandLine(context);
        }
        if (name != null) {
            root.addSubcommand(name, subcommand(name, context));
        }
        return configure(root, context);
    }

    /**
     * Which subcommand {@code args} name, found by skipping the root's options (and the values of those
     * that take one) the way picocli will parse them; {@code null} when none or one apikey does not have.
     */
    static Invoked invoked(CommandSpec root, String... args) {
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                return new Invoked(SUBCOMMANDS.contains(arg) ? arg : null, false);
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            OptionSpec option = root.findOption(name);
            if (option == null) {
                continue; // clustered short options or a typo: picocli will judge
            }
            if (option.usageHelp()) {
                return new Invoked(null, false);
            }
            version |= option.versionHelp();
            if (!arg.contains("=") && option.arity().max() > 0 && !option.typeInfo().isBoolean()) {
                i++;
            }
        }
        return new Invoked(null, version);
    }

    record Invoked(String subcommand, boolean versionOnly) {
    }

    /**
     * The subcommand {@code name}: its model, or for picocli's own {@code help} its annotated class. A switch,
     * not a table: only the class of the command that runs is loaded.
     */
    static Object subcommand(String name, CliContext context) {
        return switch (name) {
            case "create" -> CreateCommand.model(context);
            case "import" -> ImportCommand.model(context);
            case "list" -> ListCommand.model(context);
            case "get" -> GetCommand.model(context);
            case "rotate" -> RotateCommand.model(context);
            case "revoke" -> RevokeCommand.model(context);
            case "forget" -> ForgetCommand.model(context);
            case "request" -> RequestCommand.model(context);
            case "exec" -> ExecCommand.model(context);
            case "provider" -> ProviderCommand.model(context);
            case "status" -> StatusCommand.model(context);
            case "log" -> LogCommand.model(context);
            case "target" -> TargetCommand.model(context);
            case "sync" -> SyncCommand.model(context);
            case "unlock" -> UnlockCommand.model(context);
            case "lock" -> LockCommand.model(context);
            case "completion" -> CompletionCommand.model(context);
            case "shell" -> ShellCommand.model(context);
            case "help" -> HelpCommand.class;
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    private static CommandLine root(CliContext context) {
        return new CommandLine(RootCommand.model(context), new DefaultFactoryWhenNeeded());
    }

    private static CommandLine configure(CommandLine cl, CliContext context) {
        ErrorReporter errors = context.errors();
        OptionTypes.register(cl);
        cl.setOut(new PrintWriter(context.terminal().out(), true));
        cl.setErr(new PrintWriter(context.terminal().err(), true));
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setExitCodeExceptionMapper(ExitCode::codeOf);
        cl.getCommandSpec().usageMessage().exitCodeList(ExitCode.helpList());
        cl.setAbbreviatedOptionsAllowed(false);
        // '@FILE' is data to apikey ('request -d @body.json', 'exec -- curl -d @x'), never an argument file.
        cl.setExpandAtFiles(false);
        cl.setUsageHelpAutoWidth(true);
        addHelpOptions(cl);
        return cl;
    }

    /**
     * Gives every subcommand {@code -h/--help}. (Inheriting the root's standard help options would do
     * it too, but copies the whole root command into each subcommand: 40 ms more at every start.)
     */
    private static void addHelpOptions(CommandLine parent) {
        for (CommandLine sub : new LinkedHashSet<>(parent.getSubcommands().values())) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
                spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
            addHelpOptions(sub);
        }
    }
}
