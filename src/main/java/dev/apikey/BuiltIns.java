package dev.apikey;

import dev.apikey.agent.AgentKeys;
import dev.apikey.agent.AgentLauncher;
import dev.apikey.agent.AgentSocket;
import dev.apikey.agent.AgentUnlock;
import dev.apikey.core.FileStoreUnlock;
import dev.apikey.core.Notices;
import dev.apikey.core.SecretStore;
import dev.apikey.provider.ProviderType;
import dev.apikey.provider.ProviderTypes;
import dev.apikey.provider.aws.AwsProviderType;
import dev.apikey.provider.declarative.DeclaredProviderType;
import dev.apikey.provider.github.GitHubProviderType;
import dev.apikey.provider.local.LocalProviderType;
import dev.apikey.store.Backends;
import dev.apikey.store.EncryptedFileSecretStore;
import dev.apikey.store.EnvSecretStore;
import dev.apikey.store.KeychainSecretStore;
import dev.apikey.store.PassphraseSource;
import dev.apikey.core.UserPrompts;
import dev.apikey.metadata.ConfigDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The tables of what apikey has built in: the provider types and the secret store backends. A new
 * provider type or backend is registered here, and nowhere else.
 */
public final class BuiltIns {
    /** The built-in types written in the definition format ({@code dev/apikey/provider/builtin/NAME.json}). */
    static final List<String> DEFINITIONS = List.of(
            "cloudflare", "gitlab", "openai", "datadog", "sendgrid", "twilio", "npm", "linode", "anthropic", "heroku");

    /** Windows Credential Manager stores at most 2,560 bytes per credential blob. */
    private static final int WINDOWS_MAX_SECRET_BYTES = 2560;

    private BuiltIns() {
    }

    /** The built-in provider types, {@code local} and {@code http} first. Definitions are read on first use. */
    public static ProviderTypes providerTypes() {
        List<ProviderType> types = new ArrayList<>();
        types.add(new LocalProviderType());
        types.add(DeclaredProviderType.http());
        types.add(new GitHubProviderType());
        for (String name : DEFINITIONS) {
            types.add(DeclaredProviderType.builtIn(name));
        }
        types.add(new AwsProviderType());
        return new ProviderTypes(types);
    }

    /** The secret store backends by name, each opened only when asked for. */
    static Map<String, Supplier<SecretStore>> secretStores(Env env, ConfigDirectory dir, Supplier<Duration> keychainTimeout,
                                                           UserPrompts prompts, Notices notices) {
        boolean windows = env.osName().toLowerCase(Locale.ROOT).startsWith("windows");
        return Map.of(
                Backends.KEYCHAIN, () -> new KeychainSecretStore(env.keychain(), keychainTimeout.get(),
                        windows ? WINDOWS_MAX_SECRET_BYTES : 0),
                Backends.FILE, () -> new EncryptedFileSecretStore(dir.secretsFile(),
                        new PassphraseSource(env.variables(), prompts, notices), env.random(),
                        new AgentKeys(AgentSocket.forStore(env.variables(), dir.secretsFile()), notices)),
                Backends.ENV, () -> new EnvSecretStore(env.variables()));
    }

    /** {@code apikey unlock} and {@code lock}: the file store's key kept by a per-user agent. */
    static FileStoreUnlock fileStoreUnlock(Env env, ConfigDirectory dir, UserPrompts prompts) {
        return new AgentUnlock(new EncryptedFileSecretStore(dir.secretsFile(), new PassphraseSource(env.variables(), prompts),
                env.random()), AgentSocket.forStore(env.variables(), dir.secretsFile()), AgentLauncher.forThisJvm());
    }
}
