package dev.apikey.metadata;

/** {@code config.json}: read once per process, changed under the directory lock. */
public final class AppConfigFile {
    private final ConfigDirectory directory;
    private final JsonFile<AppConfig> file;
    private AppConfig loaded;

    public AppConfigFile(ConfigDirectory directory) {
        this.directory = directory;
        this.file = JsonFile.ofObject(directory.configFile(), MetadataJson.APP_CONFIG);
    }

    public AppConfig get() {
        if (loaded == null) {
            loaded = file.read().orElse(AppConfig.DEFAULTS);
        }
        return loaded;
    }

    public void setBackend(String backend) {
        try (DirectoryLock lock = directory.lock()) {
            AppConfig next = file.read().orElse(AppConfig.DEFAULTS).withBackend(backend);
            file.write(next);
            loaded = next;
        }
    }
}
