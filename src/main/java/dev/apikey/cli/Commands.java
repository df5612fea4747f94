package dev.apikey.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Assembles the command line: the only place picocli is wired. */
public final class Commands {
    private Commands() {
    }

    public static CommandLine commandLine(CliContext context) {
        ErrorReporter errors = new ErrorReporter(context);
        CommandLine cl = new CommandLine(RootCommand.class, new CommandFactory(context));
        cl.setOut(new PrintWriter(context.terminal().out(), true));
        cl.setErr(new PrintWriter(context.terminal().err(), true));
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setExitCodeExceptionMapper(ExitCodes::of);
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
        for (CommandLine sub : new java.util.LinkedHashSet<>(parent.getSubcommands().values())) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
                spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
            addHelpOptions(sub);
        }
    }

    /** Creates commands with the invocation's context; everything else the picocli way. */
    private static final class CommandFactory implements CommandLine.IFactory {
        private final CliContext context;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        CommandFactory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return fallback.create(cls);
            }
        }
    }
}
