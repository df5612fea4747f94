package dev.apikey.cli;

import com.fasterxml.jackson.core.JacksonException;
import dev.apikey.core.UsageException;
import dev.apikey.metadata.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --param K=V} values: a value {@code @FILE} is read from the file and must be JSON. */
final class Params {
    private Params() {
    }

    static Map<String, String> resolve(Map<String, String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v != null && v.startsWith("@") ? readJson(k, Path.of(v.substring(1))) : v));
        return out;
    }

    private static String readJson(String key, Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + " for --param " + key + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            // Normalised, so the stored parameter is compact and known to be valid.
            return Json.mapper().writeValueAsString(Json.mapper().readTree(text));
        } catch (JacksonException e) {
            throw new UsageException(file + " (for --param " + key + ") is not valid JSON",
                    "check the file; @FILE values are read as JSON");
        }
    }
}
