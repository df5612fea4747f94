package dev.apikey.core;

import java.nio.file.Path;

/** A file in the config directory cannot be read as what it should be. It is left untouched. */
public class CorruptFileException extends ApikeyException {
    private final Path path;

    public CorruptFileException(Path path, String problem) {
        super(path + " is corrupt: " + problem,
                "fix or move the file aside; apikey leaves it untouched");
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
