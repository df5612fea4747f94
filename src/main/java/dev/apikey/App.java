package dev.apikey;

import dev.apikey.cli.CliContext;
import dev.apikey.cli.Commands;

/** Runs one invocation of apikey against an environment and returns its exit code. */
public final class App {
    private App() {
    }

    public static int run(Env env, String... args) {
        CliContext context = new CliContext(env);
        try {
            return Commands.commandLine(context, args).execute(args);
        } finally {
            env.terminal().out().flush();
            env.terminal().err().flush();
        }
    }
}
