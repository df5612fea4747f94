package dev.apikey;

import dev.apikey.cli.AskedSecrets;
import dev.apikey.cli.CliContext;
import dev.apikey.cli.shell.Invocations;
import dev.apikey.core.FileStoreUnlock;
import dev.apikey.core.KeyRecord;
import dev.apikey.core.KeySecrets;
import dev.apikey.core.ManagementCredentials;
import dev.apikey.core.ProviderConfig;
import dev.apikey.core.ProviderConfigs;
import dev.apikey.core.ProviderHeldKeys;
import dev.apikey.core.RunWithKeys;
import dev.apikey.core.SendRequest;
import dev.apikey.core.UserPrompts;
import dev.apikey.core.Workspace;
import dev.apikey.http.HttpClients;
import dev.apikey.http.KeyedExchange;
import dev.apikey.process.ChildProcessLauncher;
import dev.apikey.metadata.AppConfigFile;
import dev.apikey.metadata.AuditLogFile;
import dev.apikey.metadata.ConfigDirectory;
import dev.apikey.metadata.JournalDirectory;
import dev.apikey.metadata.KeyIndexFile;
import dev.apikey.metadata.NameCache;
import dev.apikey.metadata.ProviderConfigFile;
import dev.apikey.metadata.RecoveryFileDirectory;
import dev.apikey.metadata.TargetIndexFile;
import dev.apikey.provider.ProviderContext;
import dev.apikey.provider.ProviderRegistry;
import dev.apikey.provider.ProviderTypes;
import dev.apikey.store.BindingEntries;
import dev.apikey.store.SecretBackends;
import dev.apikey.target.TargetDestinations;
import dev.apikey.target.TargetHost;
import dev.apikey.term.Terminal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * One invocation wired to its environment: the adapters (files, stores, providers, HTTP) behind the
 * ports the use-cases see, each assembled on first use, and closed when it ends.
 */
final class Invocation extends CliContext implements AutoCloseable {
    private final Env env;
    private ConfigDirectory configDirectory;
    private ProviderConfigFile providerConfigs;
    private Workspace workspace;
    private HttpClients http;
    private SecretBackends backends;

    Invocation(Env env) {
        this.env = env;
    }

    /** Closes the secret stores it opened: a keychain's D-Bus connection left open delays the exit. */
    @Override
    public void close() {
        if (backends != null) {
            backends.close();
        }
    }

    @Override
    public Terminal terminal() {
        return env.terminal();
    }

    @Override
    public Map<String, String> variables() {
        return env.variables();
    }

    @Override
    public Clock clock() {
        return env.clock();
    }

    @Override
    public ProviderTypes providerTypes() {
        return env.providerTypes();
    }

    @Override
    public SendRequest.Transport httpTransport(boolean include, boolean silent) {
        return new KeyedExchange(http(), terminal().stdout(), include, silent, notices());
    }

    @Override
    public RunWithKeys.Launcher processLauncher() {
        return new ChildProcessLauncher(terminal(), notices());
    }

    private HttpClients http() {
        if (http == null) {
            http = new HttpClients(env.variables(), env.httpSettings().withTimeoutFrom(env.variables()), env.clock(), env.sleeper(), redactor(),
                    terminal().err(), verbose());
        }
        return http;
    }

    @Override
    public ConfigDirectory configDirectory() {
        if (configDirectory == null) {
            configDirectory = ConfigDirectory.resolve(configDirOption(), env.variables(), env.osName(), env.home());
        }
        return configDirectory;
    }

    @Override
    public ProviderConfigs providerConfigs() {
        workspace();
        return providerConfigs;
    }

    @Override
    public Workspace workspace() {
        if (workspace == null) {
            workspace = buildWorkspace();
        }
        return workspace;
    }

    @Override
    public FileStoreUnlock fileStoreUnlock() {
        return BuiltIns.fileStoreUnlock(env, configDirectory(), prompts());
    }

    @Override
    public Invocations nested(Terminal terminal, Map<String, String> moreVariables) {
        Env nested = env.with(terminal, moreVariables);
        return new Invocations() {
            @Override
            public int run(String... args) {
                return App.run(nested, args);
            }

            @Override
            public Path nameCache(String configDirFlag) {
                return ConfigDirectory.resolve(configDirFlag, nested.variables(), nested.osName(), nested.home()).nameCache();
            }
        };
    }

    private Workspace buildWorkspace() {
        ConfigDirectory dir = configDirectory();
        dir.secure(env.user(), notices());
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
        backends = new SecretBackends(
                BuiltIns.secretStores(env, dir, () -> config.get().effectiveKeychainTimeout(), prompts, notices()),
                backendOption(), env.variables(), () -> config.get().backend(), prompts, config::setBackend,
                dir.secretsFile());
        ManagementCredentials credentials = new ManagementCredentials(backends, env.variables(), notices(), redactor());
        JournalDirectory journal = new JournalDirectory(dir);
        KeySecrets secrets = new KeySecrets(backends, env.variables(), keys, notices(), redactor(), journal);
        ProviderRegistry providers = new ProviderRegistry(env.providerTypes(), providerConfigs::all, providerConfigs::find,
                p -> new ProviderContext(env.clock(), env::random, () -> credentials.get(p), http(), redactor(), notices(),
                        prompts, env.variables(), new AskedSecrets(this),
                        new ProviderHeldKeys(p.name(), keys, secrets, backends)));
        return new Workspace(env.clock(), keys, secrets,
                backends, providers, new AuditLogFile(dir, notices()), new RecoveryFileDirectory(dir), notices(), prompts,
                redactor(), journal,
                new TargetIndexFile(dir), new TargetDestinations(dir::lock, name -> {
                    var p = providers.get(name);
                    return new TargetHost(name, p.baseUrl(), () -> credentials.get(p.config()));
                }, this::http, redactor(), env::random), new BindingEntries(), credentials);
    }
}
