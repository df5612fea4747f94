package dev.apikey.cli.shell;

import java.nio.file.Path;

/** Runs invocations of apikey in this process, in the environment of the one that started the shell. */
public interface Invocations {
    /** Runs one command line (without the leading {@code apikey}); returns its exit code. */
    int run(String... args);

    /** The file of names cached for completion in the config directory this {@code --config-dir} (or null) selects. */
    Path nameCache(String configDirFlag);
}
