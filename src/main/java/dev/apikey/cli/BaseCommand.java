package dev.apikey.cli;

import dev.apikey.core.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command: parses, calls one use-case, renders. */
abstract class BaseCommand implements Callable<Integer> {
    protected final CliContext context;

    @Spec
    protected CommandSpec spec;

    BaseCommand(CliContext context) {
        this.context = context;
    }

    protected Workspace workspace() {
        return context.workspace();
    }

    protected Output output() {
        return context.output();
    }

    protected void info(String message) {
        context.notices().info(message);
    }

    @Override
    public final Integer call() {
        return run();
    }

    /** Does the work; returns the exit code. Failures are thrown, typed by meaning. */
    protected abstract int run();
}
