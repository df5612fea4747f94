package dev.apikey.store;

import dev.apikey.core.SecretStore;
import dev.apikey.core.SecretStores;
import dev.apikey.core.CancelledException;
import dev.apikey.core.SecretStoreException;
import dev.apikey.core.UsageException;
import dev.apikey.core.UserPrompts;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Opens secret stores by name, each at most once and only when needed, and decides where new
 * secrets go: {@code --backend}, else {@code APIKEY_BACKEND}, else the config, else the keychain when
 * one is reachable. With no keychain, a user at a terminal is offered the encrypted file store (and a
 * yes is remembered in the config); a script gets exit 5 with a hint. Never plain text, and a locked
 * or slow keychain is an error, not a reason to switch.
 */
public final class SecretBackends implements SecretStores {
    private final Map<String, Supplier<SecretStore>> factories;
    private final Map<String, SecretStore> opened = new HashMap<>();
    private final String chosen;
    private final String chosenBy;
    private final Supplier<String> configured;
    private final UserPrompts prompts;
    private final Consumer<String> rememberChoice;
    private final Path fileStorePath;

    /**
     * @param flag           the {@code --backend} option, or null
     * @param environment    the process environment ({@code APIKEY_BACKEND})
     * @param configured     the backend recorded in the config, or null; read only when needed
     * @param rememberChoice records a backend in the config when the user accepts the file store
     */
    public SecretBackends(Map<String, Supplier<SecretStore>> factories, String flag, Map<String, String> environment,
                          Supplier<String> configured, UserPrompts prompts, Consumer<String> rememberChoice,
                          Path fileStorePath) {
        this.factories = factories;
        String fromEnv = environment.get("APIKEY_BACKEND");
        if (flag != null) {
            chosen = flag;
            chosenBy = "--backend";
        } else if (fromEnv != null && !fromEnv.isEmpty()) {
            chosen = fromEnv;
            chosenBy = "APIKEY_BACKEND";
        } else {
            chosen = null;
            chosenBy = null;
        }
        if (chosen != null) {
            requireKnown(chosen, chosenBy);
        }
        this.configured = configured;
        this.prompts = prompts;
        this.rememberChoice = rememberChoice;
        this.fileStorePath = fileStorePath;
    }

    @Override
    public synchronized SecretStore named(String backend) {
        requireKnown(backend, "the key's metadata");
        return opened.computeIfAbsent(backend, b -> factories.get(b).get());
    }

    @Override
    public synchronized void close() {
        opened.values().forEach(SecretStore::close);
        opened.clear();
    }

    /** Whether this backend has been opened in this process (for reporting without opening it). */
    public boolean isOpen(String backend) {
        return opened.containsKey(backend);
    }

    @Override
    public synchronized SecretStore forNewSecrets() {
        if (chosen != null) {
            return named(chosen);
        }
        String fromConfig = configured.get();
        if (fromConfig != null) {
            requireKnown(fromConfig, "the config");
            return named(fromConfig);
        }
        SecretStore keychain = named(Backends.KEYCHAIN);
        if (!(keychain instanceof KeychainSecretStore k) || k.reachable()) {
            return keychain;
        }
        if (!prompts.available()) {
            throw new SecretStoreException("no keychain is reachable here", KeychainSecretStore.FALLBACK_HINT);
        }
        if (!prompts.confirm("No keychain is reachable. Keep secrets in an encrypted file (" + fileStorePath
                + ") protected by a passphrase instead?")) {
            throw new CancelledException("no secret store chosen");
        }
        rememberChoice.accept(Backends.FILE);
        return named(Backends.FILE);
    }

    @Override
    public String describeChoice() {
        if (chosen != null) {
            return chosen + " (" + chosenBy + ")";
        }
        String fromConfig = configured.get();
        if (fromConfig != null) {
            return fromConfig + " (config)";
        }
        return Backends.KEYCHAIN + " (default, when reachable)";
    }

    private void requireKnown(String backend, String source) {
        if (!factories.containsKey(backend)) {
            throw new UsageException("unknown secret store backend '" + backend + "' (from " + source + ")",
                    "choose one of: " + String.join(", ", Backends.ALL));
        }
    }
}
