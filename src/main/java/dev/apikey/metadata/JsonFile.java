package dev.apikey.metadata;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.apikey.core.ApikeyException;
import dev.apikey.core.CorruptFileException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A JSON document in the config directory: read whole, replaced atomically, reported (never replaced)
 * when corrupt. What the document holds is its reader's and writer's business; how a file that does not
 * hold it is reported is this class's, the same for every file.
 */
final class JsonFile<T> {
    /** Reads the document from a parser before its first token. */
    interface Reader<T> {
        /**
         * @throws JsonFields.MalformedException when it is not what the file holds; the message says
         *                                       what is wrong, never a value of the file
         */
        T read(JsonParser p) throws IOException;
    }

    interface Writer<T> {
        void write(JsonGenerator g, T value) throws IOException;
    }

    private final Path path;
    private final Reader<T> reader;
    private final Writer<T> writer;

    JsonFile(Path path, Reader<T> reader, Writer<T> writer) {
        this.path = path;
        this.reader = reader;
        this.writer = writer;
    }

    /** A document that is one JSON object, read and written by {@code codec}. */
    static <T> JsonFile<T> ofObject(Path path, MetadataJson.Codec<T> codec) {
        return new JsonFile<>(path, p -> {
            if (p.nextToken() == null) {
                throw new JsonFields.MalformedException("empty document");
            }
            return codec.read(JsonFields.read(p));
        }, codec::write);
    }

    /** The document, or empty when there is no file. */
    Optional<T> read() {
        byte[] bytes;
        try {
            bytes = ConfigFiles.read(path); // first: a missing file needs no JSON machinery
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ApikeyException("cannot read " + path + ": " + AtomicFile.describe(e), null, e);
        }
        try (JsonParser p = JsonStreams.factory().createParser(bytes)) {
            T value = reader.read(p);
            if (p.nextToken() != null) {
                throw new CorruptFileException(path, "more than one JSON document");
            }
            return Optional.of(value);
        } catch (JacksonException e) {
            // The parser's location is useful; its message never quotes more than a token.
            var loc = e.getLocation();
            throw new CorruptFileException(path, "not valid JSON"
                    + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"));
        } catch (IOException e) {
            // not what the file should hold: the message names the field, never its value
            throw new CorruptFileException(path, e.getMessage());
        } catch (CorruptFileException e) {
            throw e;
        } catch (ApikeyException e) {
            throw new CorruptFileException(path, e.getMessage()); // e.g. an invalid ref inside the file
        }
    }

    void write(T value) {
        AtomicFile.write(path, JsonStreams.pretty(g -> writer.write(g, value)));
    }
}
