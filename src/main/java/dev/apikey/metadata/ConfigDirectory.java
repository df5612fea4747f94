package dev.apikey.metadata;

import dev.apikey.core.ApikeyException;
import dev.apikey.core.Notices;
import dev.apikey.core.PolicyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    /**
     * Checks the directory before it is used (SPEC §7): one owned by another user is refused, since
     * whoever owns it can swap the files in it; one that group or others can read or write is
     * tightened to 0700 with a warning. One that does not exist yet is created 0700 when first written.
     *
     * @param user the account apikey runs as (its name, as the file system reports owners)
     */
    public void secure(String user, Notices notices) {
        if (!AtomicFile.POSIX) {
            return;
        }
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException | UnsupportedOperationException e) {
            return; // the first read or write reports what is wrong with it
        }
        String owner = attributes.owner().getName();
        if (user != null && !owner.equals(user)) {
            throw new PolicyException("the config directory " + path + " is owned by " + owner + ", not by " + user
                    + "; apikey does not use another user's directory",
                    "use a directory of your own (--config-dir or APIKEY_CONFIG_DIR)");
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (!AtomicFile.OWNER_DIR.containsAll(permissions)) {
            try {
                Files.setPosixFilePermissions(path, AtomicFile.OWNER_DIR);
            } catch (IOException e) {
                throw new ApikeyException("cannot restrict " + path + " to its owner: " + AtomicFile.describe(e),
                        "run 'chmod 700 " + path + "'", e);
            }
            notices.warn("the config directory " + path + " was open to others ("
                    + PosixFilePermissions.toString(permissions) + "); it is now 0700 (rwx------)");
        }
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
