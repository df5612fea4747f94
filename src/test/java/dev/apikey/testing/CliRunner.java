package dev.apikey.testing;

import dev.apikey.BuiltIns;
import dev.apikey.App;
import dev.apikey.Env;
import dev.apikey.http.HttpClients;
import dev.apikey.provider.ProviderTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs apikey in-process with an injected environment and returns {exit, stdout, stderr}. One runner
 * is one machine: a config directory, a keychain and a clock shared by every run.
 */
public final class CliRunner {
    private final Path configDir;
    private final FakeKeychain keychain = new FakeKeychain();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
    private final Map<String, String> variables = new HashMap<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private ProviderTypes providerTypes = BuiltIns.providerTypes();
    private HttpClients.Settings httpSettings = HttpClients.Settings.DEFAULT;

    public CliRunner(Path configDir) {
        this.configDir = configDir;
        variables.put("APIKEY_CONFIG_DIR", configDir.toString());
    }

    /** The exit status of a process killed by SIGKILL. */
    public static final int KILLED = 137;

    public record Result(int exit, String out, String err, List<String> prompts) {
        /** The whole result, for failure messages. */
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    public Path configDir() {
        return configDir;
    }

    public FakeKeychain keychain() {
        return keychain;
    }

    public MutableClock clock() {
        return clock;
    }

    /** The waits retries asked for (no real sleeping in tests). */
    public List<Duration> sleeps() {
        return sleeps;
    }

    public CliRunner env(String name, String value) {
        if (value == null) {
            variables.remove(name);
        } else {
            variables.put(name, value);
        }
        return this;
    }

    public CliRunner providerTypes(ProviderTypes types) {
        this.providerTypes = types;
        return this;
    }

    /** HTTP timeouts and retries for every run (short ones keep timeout tests fast). */
    public CliRunner httpSettings(HttpClients.Settings settings) {
        this.httpSettings = settings;
        return this;
    }

    /** A run in a script: no terminal anywhere, empty stdin. */
    public Result run(String... args) {
        return invocation().run(args);
    }

    public Invocation invocation() {
        return new Invocation();
    }

    /** One invocation's terminal shape and input. */
    public final class Invocation {
        private byte[] stdin = new byte[0];
        private boolean stdinTty;
        private boolean stdoutTty;
        private boolean stderrTty;
        private int width = 80;
        private final List<String> answers = new ArrayList<>();
        private final Map<String, String> extra = new HashMap<>();

        public Invocation stdin(String text) {
            this.stdin = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** stdin, stdout and stderr all on a terminal of this width. */
        public Invocation terminal(int columns) {
            stdinTty = stdoutTty = stderrTty = true;
            width = columns;
            return this;
        }

        /** An interactive user whose output is piped (e.g. {@code apikey list | less}). */
        public Invocation interactiveWithPipedStdout() {
            stdinTty = stderrTty = true;
            stdoutTty = false;
            return this;
        }

        public Invocation answer(String... a) {
            answers.addAll(List.of(a));
            return this;
        }

        public Invocation env(String name, String value) {
            extra.put(name, value);
            return this;
        }

        public Result run(String... args) {
            TestTerminal terminal = new TestTerminal(stdin, stdinTty, stdoutTty, stderrTty, width, answers);
            Map<String, String> vars = new HashMap<>(variables);
            vars.putAll(extra);
            Env env = Env.builder()
                    .terminal(terminal)
                    .variables(vars)
                    .clock(clock)
                    .home(configDir.resolve("home"))
                    .keychain(keychain)
                    .providerTypes(() -> providerTypes)
                    .sleeper(d -> sleeps.add(d))
                    .httpSettings(httpSettings)
                    .build();
            int exit;
            try {
                exit = App.run(env, args);
            } catch (Crash crash) {
                exit = KILLED;
                terminal.err().println(crash.getMessage());
            }
            return new Result(exit, terminal.stdoutText(), terminal.stderrText(), List.copyOf(terminal.asked()));
        }
    }

}
