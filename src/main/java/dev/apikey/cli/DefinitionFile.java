package dev.apikey.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.core.UsageException;
import dev.apikey.metadata.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A provider definition file given with {@code provider add --file}: JSON, of a sane size. */
final class DefinitionFile {
    private static final long MAX_BYTES = 1024 * 1024;

    private DefinitionFile() {
    }

    static JsonNode read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new UsageException(file + " is larger than 1 MB; a provider definition is a few kilobytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            JsonNode node = Json.mapper().readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new UsageException(file + " is empty", "a provider definition is a JSON object; see docs/providers.md");
            }
            return node;
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            // The parser's own message may quote the file; the position is enough to find the mistake.
            throw new UsageException(file + " is not valid JSON" + where, "a provider definition is a JSON object; see docs/providers.md");
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
