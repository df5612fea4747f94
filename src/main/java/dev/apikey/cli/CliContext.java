package dev.apikey.cli;

import dev.apikey.Env;
import dev.apikey.core.KeyRecord;
import dev.apikey.core.KeySecrets;
import dev.apikey.core.ManagementCredentials;
import dev.apikey.core.Notices;
import dev.apikey.core.Redactor;
import dev.apikey.http.HttpClients;
import dev.apikey.core.UserPrompts;
import dev.apikey.core.Workspace;
import dev.apikey.metadata.AppConfigFile;
import dev.apikey.metadata.AuditLogFile;
import dev.apikey.metadata.ConfigDirectory;
import dev.apikey.metadata.JournalDirectory;
import dev.apikey.metadata.KeyIndexFile;
import dev.apikey.metadata.NameCache;
import dev.apikey.metadata.ProviderConfigFile;
import dev.apikey.metadata.RecoveryFiles;
import dev.apikey.metadata.TargetIndexFile;
import dev.apikey.provider.ProviderConfig;
import dev.apikey.provider.ProviderContext;
import dev.apikey.provider.Providers;
import dev.apikey.store.Backends;
import dev.apikey.store.EncryptedFileSecretStore;
import dev.apikey.store.EnvSecretStore;
import dev.apikey.store.KeychainSecretStore;
import dev.apikey.store.PassphraseSource;
import dev.apikey.store.SecretBackends;
import dev.apikey.store.SecretStore;
import dev.apikey.target.TargetDestinations;
import dev.apikey.term.Terminal;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One invocation's state: the environment, the parsed global options, and the workspace the
 * use-cases run in, assembled on first use so that {@code --version} or {@code --help} touch nothing.
 */
public final class CliContext {
    /** Windows Credential Manager stores at most 2,560 bytes per credential blob. */
    private static final int WINDOWS_MAX_SECRET_BYTES = 2560;

    private final Env env;
    private final GlobalOptions options = new GlobalOptions();
    private StderrNotices notices;
    private Output output;
    private ConfigDirectory configDirectory;
    private ProviderConfigFile providerConfigs;
    private Workspace workspace;
    private HttpClients http;
    private final Redactor redactor = new Redactor();

    public CliContext(Env env) {
        this.env = env;
    }

    public Env env() {
        return env;
    }

    public Terminal terminal() {
        return env.terminal();
    }

    GlobalOptions options() {
        return options;
    }

    public Notices notices() {
        if (notices == null) {
            notices = new StderrNotices(terminal().err(), options, redactor, terminal()::stderrIsTerminal);
        }
        return notices;
    }

    public Output output() {
        if (output == null) {
            output = new Output(terminal(), env.variables(), env.clock(), options.json);
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

    /** Every secret this invocation has handled, for masking in human-readable output. */
    public Redactor redactor() {
        return redactor;
    }

    public HttpClients http() {
        if (http == null) {
            http = new HttpClients(env.variables(), env.httpSettings(), env.clock(), env.sleeper(), redactor,
                    terminal().err(), options.verbose);
        }
        return http;
    }

    public ConfigDirectory configDirectory() {
        if (configDirectory == null) {
            configDirectory = ConfigDirectory.resolve(options.configDir, env.variables(), env.osName(), env.home());
        }
        return configDirectory;
    }

    public ProviderConfigFile providerConfigs() {
        workspace();
        return providerConfigs;
    }

    public Workspace workspace() {
        if (workspace == null) {
            workspace = buildWorkspace();
        }
        return workspace;
    }

    private Workspace buildWorkspace() {
        ConfigDirectory dir = configDirectory();
        AppConfigFile config = new AppConfigFile(dir);
        NameCache names = new NameCache(dir);
        KeyIndexFile[] keysHolder = new KeyIndexFile[1];
        ProviderConfigFile[] providersHolder = new ProviderConfigFile[1];
        Runnable refreshNames = () -> names.write(
                keysHolder[0].all().stream().map(KeyRecord::ref).map(Object::toString).toList(),
                providersHolder[0].all().stream().map(ProviderConfig::name).toList());
        KeyIndexFile keys = new KeyIndexFile(dir, refreshNames);
        providerConfigs = new ProviderConfigFile(dir, refreshNames);
        keysHolder[0] = keys;
        providersHolder[0] = providerConfigs;

        UserPrompts prompts = prompts();
        boolean windows = env.osName().toLowerCase(Locale.ROOT).startsWith("windows");
        Map<String, Supplier<SecretStore>> stores = Map.of(
                Backends.KEYCHAIN, () -> new KeychainSecretStore(env.keychain(),
                        config.get().effectiveKeychainTimeout(), windows ? WINDOWS_MAX_SECRET_BYTES : 0),
                Backends.FILE, () -> new EncryptedFileSecretStore(dir.secretsFile(),
                        new PassphraseSource(env.variables(), prompts), env.random()),
                Backends.ENV, () -> new EnvSecretStore(env.variables()));
        SecretBackends backends = new SecretBackends(stores, options.backend, env.variables(),
                () -> config.get().backend(), prompts, config::setBackend, dir.secretsFile());
        ManagementCredentials credentials = new ManagementCredentials(backends, env.variables(), notices(), redactor);
        Providers providers = new Providers(env.providerTypes(), providerConfigs::all, providerConfigs::find,
                p -> new ProviderContext(env.clock(), env.random(), () -> credentials.get(p), http(), redactor, notices(),
                        prompts, env.variables(), new AskedSecrets(this)));
        JournalDirectory journal = new JournalDirectory(dir);
        return new Workspace(env.clock(), keys,
                new KeySecrets(backends, env.variables(), keys, notices(), redactor, journal),
                backends, providers, new AuditLogFile(dir, notices()), new RecoveryFiles(dir), notices(), prompts, redactor, journal,
                new TargetIndexFile(dir), new TargetDestinations(dir::lock));
    }
}
