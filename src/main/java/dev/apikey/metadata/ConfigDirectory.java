package dev.apikey.metadata;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The config directory and the files in it. Resolved as the spec says: {@code --config-dir}, else
 * {@code APIKEY_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/apikey}, else the platform's default. The
 * completion scripts resolve it the same way, without a JVM.
 */
public final class ConfigDirectory {
    private final Path path;

    public ConfigDirectory(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    public static ConfigDirectory resolve(String flag, Map<String, String> environment, String osName, Path home) {
        if (flag != null && !flag.isEmpty()) {
            return new ConfigDirectory(Path.of(flag));
        }
        String explicit = environment.get("APIKEY_CONFIG_DIR");
        if (explicit != null && !explicit.isEmpty()) {
            return new ConfigDirectory(Path.of(explicit));
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return new ConfigDirectory(Path.of(xdg, "apikey"));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = environment.get("APPDATA");
            return new ConfigDirectory(appData != null && !appData.isEmpty()
                    ? Path.of(appData, "apikey") : home.resolve("AppData").resolve("Roaming").resolve("apikey"));
        }
        if (os.startsWith("mac")) {
            return new ConfigDirectory(home.resolve("Library").resolve("Application Support").resolve("apikey"));
        }
        return new ConfigDirectory(home.resolve(".config").resolve("apikey"));
    }

    public Path path() {
        return path;
    }

    public Path configFile() {
        return path.resolve("config.json");
    }

    public Path keysFile() {
        return path.resolve("keys.json");
    }

    public Path providersFile() {
        return path.resolve("providers.json");
    }

    /** Where keys' secrets are delivered ({@code apikey target}). */
    public Path targetsFile() {
        return path.resolve("targets.json");
    }

    public Path auditLog() {
        return path.resolve("audit.log");
    }

    /** Names for shell completion, read by the completion scripts themselves. */
    public Path nameCache() {
        return path.resolve("names.cache");
    }

    public Path secretsFile() {
        return path.resolve("secrets.enc");
    }

    public Path journalDirectory() {
        return path.resolve("journal");
    }

    public Path recoveryDirectory() {
        return path.resolve("recovery");
    }

    public Path historyFile() {
        return path.resolve("history");
    }

    public DirectoryLock lock() {
        return DirectoryLock.acquire(path);
    }
}
