package dev.apikey;

import dev.apikey.http.HttpClients;
import dev.apikey.http.Sleeper;
import dev.apikey.provider.ProviderTypes;
import dev.apikey.store.JavaKeyringKeychain;
import dev.apikey.store.Keychain;
import dev.apikey.term.SystemTerminal;
import dev.apikey.term.Terminal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything apikey takes from the world, in one object: streams, environment variables, clock,
 * platform, the OS keychain and randomness. {@link #system()} is the real one; tests build their own
 * with {@link #builder()}.
 */
public final class Env {
    private final Terminal terminal;
    private final Map<String, String> variables;
    private final Clock clock;
    private final String osName;
    private final Path home;
    private final String user;
    private final Keychain.Opener keychain;
    private final Supplier<SecureRandom> random;
    private final Supplier<ProviderTypes> providerTypes;
    private SecureRandom seededRandom;
    private ProviderTypes madeProviderTypes;
    private final Sleeper sleeper;
    private final HttpClients.Settings httpSettings;

    private Env(Builder b) {
        this.terminal = Objects.requireNonNull(b.terminal, "terminal");
        this.variables = Map.copyOf(b.variables);
        this.clock = b.clock;
        this.osName = b.osName;
        this.home = b.home;
        this.user = b.user;
        this.keychain = b.keychain;
        this.random = b.random;
        this.providerTypes = b.providerTypes;
        this.sleeper = b.sleeper;
        this.httpSettings = b.httpSettings;
    }

    public static Env system() {
        Map<String, String> vars = System.getenv();
        return builder()
                .terminal(new SystemTerminal(vars))
                .variables(vars)
                .osName(System.getProperty("os.name", "Linux"))
                .home(home(vars))
                .user(System.getProperty("user.name"))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This environment seen through another terminal, with some variables set (the interactive shell's). */
    public Env with(Terminal otherTerminal, Map<String, String> moreVariables) {
        Map<String, String> vars = new java.util.HashMap<>(variables);
        vars.putAll(moreVariables);
        Builder b = builder().terminal(otherTerminal).variables(vars).clock(clock).osName(osName).home(home).user(user)
                .keychain(keychain).random(this::random).providerTypes(this::providerTypes).sleeper(sleeper)
                .httpSettings(httpSettings);
        return b.build();
    }

    public Terminal terminal() {
        return terminal;
    }

    public Map<String, String> variables() {
        return variables;
    }

    public Clock clock() {
        return clock;
    }

    public String osName() {
        return osName;
    }

    public Path home() {
        return home;
    }

    /** The account apikey runs as, or null where owners are not checked (tests in one process). */
    public String user() {
        return user;
    }

    /**
     * {@code ~}: {@code $HOME} when it is set, as shells and the completion scripts take it, else the
     * account's home (Java's {@code user.home} comes from the account database, not from HOME).
     */
    static Path home(Map<String, String> vars) {
        String home = vars.get("HOME");
        return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home", "."));
    }

    public Keychain.Opener keychain() {
        return keychain;
    }

    /** The process's source of randomness, seeded when first asked for (seeding costs a start milliseconds). */
    public synchronized SecureRandom random() {
        if (seededRandom == null) {
            seededRandom = random.get();
        }
        return seededRandom;
    }

    /** The provider types, made once, when first asked for. */
    public synchronized ProviderTypes providerTypes() {
        if (madeProviderTypes == null) {
            madeProviderTypes = providerTypes.get();
        }
        return madeProviderTypes;
    }

    /** Waits between HTTP retries. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** HTTP timeouts and retry policy; tests shorten them. */
    public HttpClients.Settings httpSettings() {
        return httpSettings;
    }

    public static final class Builder {
        private Terminal terminal;
        private Map<String, String> variables = Map.of();
        private Clock clock = Clock.tickMillis(java.time.ZoneOffset.UTC);
        private String osName = "Linux";
        private Path home = Path.of(".");
        private String user;
        // A lambda, not a method reference: java-keyring is loaded only when a keychain is opened.
        private Keychain.Opener keychain = () -> JavaKeyringKeychain.open();
        private Supplier<SecureRandom> random = SecureRandom::new;
        private Supplier<ProviderTypes> providerTypes = BuiltIns::providerTypes;
        private Sleeper sleeper = Sleeper.REAL;
        private HttpClients.Settings httpSettings = HttpClients.Settings.DEFAULT;

        public Builder terminal(Terminal t) {
            this.terminal = t;
            return this;
        }

        public Builder variables(Map<String, String> v) {
            this.variables = v;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public Builder osName(String os) {
            this.osName = os;
            return this;
        }

        public Builder user(String u) {
            this.user = u;
            return this;
        }

        public Builder home(Path h) {
            this.home = h;
            return this;
        }

        public Builder keychain(Keychain.Opener k) {
            this.keychain = k;
            return this;
        }

        public Builder random(Supplier<SecureRandom> r) {
            this.random = r;
            return this;
        }

        public Builder providerTypes(Supplier<ProviderTypes> t) {
            this.providerTypes = t;
            return this;
        }

        public Builder sleeper(Sleeper s) {
            this.sleeper = s;
            return this;
        }

        public Builder httpSettings(HttpClients.Settings s) {
            this.httpSettings = s;
            return this;
        }

        public Env build() {
            return new Env(this);
        }
    }
}
