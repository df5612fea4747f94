package dev.apikey.metadata;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import dev.apikey.core.ApikeyException;
import dev.apikey.core.CorruptFileException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** A JSON document in the config directory: read whole, replaced atomically, reported when corrupt. */
final class JsonFile<T> {
    private final Path path;
    private final MetadataJson.Codec<T> codec;

    JsonFile(Path path, MetadataJson.Codec<T> codec) {
        this.path = path;
        this.codec = codec;
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
        try (JsonParser p = JsonStreams.factory().createParser(bytes)) {
            if (p.nextToken() == null) {
                throw new CorruptFileException(path, "empty document");
            }
            T value = codec.read(JsonFields.read(p));
            if (p.nextToken() != null) {
                throw new CorruptFileException(path, "more than one JSON document");
            }
            return Optional.of(value);
        } catch (JacksonException e) {
            // The parser's location is useful; its message never quotes more than a token.
            throw new CorruptFileException(path, "not valid JSON for this file (" + location(e) + ")");
        } catch (IOException e) {
            // a field of the wrong type: the message names the field, never its value
            throw new CorruptFileException(path, e.getMessage());
        } catch (CorruptFileException e) {
            throw e;
        } catch (ApikeyException e) {
            throw new CorruptFileException(path, e.getMessage()); // e.g. an invalid ref inside the file
        }
    }

    void write(T value) {
        AtomicFile.write(path, JsonStreams.pretty(g -> codec.write(g, value)));
    }

    private static String location(JacksonException e) {
        var loc = e.getLocation();
        return loc == null ? "unreadable" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
}
