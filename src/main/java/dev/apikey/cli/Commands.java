package dev.apikey.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

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
        return cl;
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
