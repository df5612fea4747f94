package dev.apikey;

import dev.apikey.cli.Commands;
import dev.apikey.cli.VersionProvider;
import picocli.CommandLine;

/** Runs one invocation of apikey against an environment and returns its exit code: the one wiring place. */
public final class App {
    private App() {
    }

    public static int run(Env env, String... args) {
        try {
            if (VersionProvider.asksForVersionOnly(args)) {
                // What gh, git and curl answer at once: nothing to parse, so no command model is built.
                env.terminal().out().println(VersionProvider.line());
                return 0;
            }
            try (Invocation invocation = new Invocation(env)) {
                return Commands.commandLine(invocation, args).execute(args);
            }
        } finally {
            env.terminal().out().flush();
            env.terminal().err().flush();
        }
    }

    /** The whole command model of an invocation in this environment (completion scripts, man pages, docs). */
    public static CommandLine commandLine(Env env) {
        return Commands.commandLine(new Invocation(env));
    }
}
