package dev.apikey.metadata;

import com.fasterxml.jackson.core.JacksonException;
import dev.apikey.core.ApikeyException;
import dev.apikey.core.CorruptFileException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** A JSON document in the config directory: read whole, replaced atomically, reported when corrupt. */
final class JsonFile<T> {
    private final Path path;
    private final Class<T> type;

    JsonFile(Path path, Class<T> type) {
        this.path = path;
        this.type = type;
    }

    Path path() {
        return path;
    }

    Optional<T> read() {
        byte[] bytes;
        try {
            bytes = ConfigFiles.read(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ApikeyException("cannot read " + path + ": " + AtomicFile.describe(e), null, e);
        }
        try {
            T value = Json.mapper().readValue(bytes, type);
            if (value == null) {
                throw new CorruptFileException(path, "empty document");
            }
            return Optional.of(value);
        } catch (JacksonException e) {
            // The parser's location is useful; its message never quotes more than a token.
            throw new CorruptFileException(path, "not valid JSON for this file (" + location(e) + ")");
        } catch (IOException e) {
            throw new CorruptFileException(path, e.getClass().getSimpleName());
        } catch (ApikeyException e) {
            // e.g. an invalid ref inside the file
            throw new CorruptFileException(path, e.getMessage());
        }
    }

    void write(T value) {
        try {
            byte[] bytes = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
            AtomicFile.write(path, bytes);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise " + type.getSimpleName(), e);
        }
    }

    private static String location(JacksonException e) {
        var loc = e.getLocation();
        return loc == null ? "unreadable" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
}
