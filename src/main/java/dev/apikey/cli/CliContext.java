package dev.apikey.cli;

import dev.apikey.cli.shell.Invocations;
import dev.apikey.core.FileStoreUnlock;
import dev.apikey.core.Notices;
import dev.apikey.core.ProviderConfigs;
import dev.apikey.core.Redactor;
import dev.apikey.core.RunWithKeys;
import dev.apikey.core.SendRequest;
import dev.apikey.core.UserPrompts;
import dev.apikey.core.Workspace;
import dev.apikey.metadata.ConfigDirectory;
import dev.apikey.provider.ProviderTypes;
import dev.apikey.term.Terminal;
import java.time.Clock;
import java.util.Map;

/**
 * What the commands of one invocation work with: the parsed global options, the terminal, and the
 * workspace the use-cases run in. The command line owns the options, notices and output; how the
 * workspace and the HTTP client are assembled is the wiring's ({@code dev.apikey.Invocation}), which
 * builds them on first use so that {@code --version} or {@code --help} touch nothing.
 */
public abstract class CliContext {
    private final GlobalOptions options = new GlobalOptions();
    private final Redactor redactor = new Redactor();
    private StderrNotices notices;
    private Output output;
    private ErrorReporter errors;

    public abstract Terminal terminal();

    /** The process environment. */
    public abstract Map<String, String> variables();

    public abstract Clock clock();

    /** The provider types this apikey knows. */
    public abstract ProviderTypes providerTypes();

    public abstract ConfigDirectory configDirectory();

    /**
     * Sends {@code request}'s request and writes the response to standard output.
     *
     * @param include also print the status line and headers
     * @param silent  print no body
     */
    public abstract SendRequest.Transport httpTransport(boolean include, boolean silent);

    /** Starts {@code exec}'s command. */
    public abstract RunWithKeys.Launcher processLauncher();

    public abstract Workspace workspace();

    /** {@code apikey unlock} and {@code lock} for this config directory's encrypted file store. */
    public abstract FileStoreUnlock fileStoreUnlock();

    /** The providers the user added, as {@code provider add|remove|login|logout} change them. */
    public abstract ProviderConfigs providerConfigs();

    /** Further invocations in this process, through another terminal and with some variables set (the shell's). */
    public abstract Invocations nested(Terminal terminal, Map<String, String> moreVariables);

    GlobalOptions options() {
        return options;
    }

    /** {@code --config-dir}, or null. */
    protected final String configDirOption() {
        return options.configDir;
    }

    /** {@code --backend}, or null. */
    protected final String backendOption() {
        return options.backend;
    }

    /** {@code -v}. */
    protected final boolean verbose() {
        return options.verbose;
    }

    public Notices notices() {
        if (notices == null) {
            notices = new StderrNotices(terminal().err(), options, redactor, terminal()::stderrIsTerminal);
        }
        return notices;
    }

    public Output output() {
        if (output == null) {
            output = new Output(terminal(), variables(), clock(), options.json);
        }
        return output;
    }

    /** Prompts, when a terminal is there and {@code --no-input} was not given; else none. */
    public UserPrompts prompts() {
        UserPrompts p = terminal().prompts();
        if (options.noInput || !p.available()) {
            return UserPrompts.NONE;
        }
        notices();
        return notices.pausingProgress(p);
    }

    /** The one place failures are reported and given their exit code. */
    ErrorReporter errors() {
        if (errors == null) {
            errors = new ErrorReporter(this);
        }
        return errors;
    }

    /** Every secret this invocation has handled, for masking in human-readable output. */
    public Redactor redactor() {
        return redactor;
    }
}
