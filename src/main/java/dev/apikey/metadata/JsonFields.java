package dev.apikey.metadata;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.apikey.core.KeyRef;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object of a file apikey writes (the metadata files, the encrypted secret store), read whole,
 * with typed access to its fields. A field that is
 * absent or null reads as null; one of the wrong type fails the read, naming the field (never its value,
 * which may be anything a tampered file holds). Fields no accessor asks for are ignored, so a file
 * written by a newer apikey with more fields still reads.
 */
public final class JsonFields {
    private final Map<String, Object> fields;

    private JsonFields(Map<String, Object> fields) {
        this.fields = fields;
    }

    /**
     * Reads a document that is one JSON object and nothing else.
     *
     * @throws com.fasterxml.jackson.core.JacksonException when it is not JSON
     * @throws MalformedException                           when it is not one object
     */
    public static JsonFields parseObject(byte[] json) throws IOException {
        try (JsonParser p = JsonStreams.factory().createParser(json)) {
            if (p.nextToken() == null) {
                throw new MalformedException("empty document");
            }
            JsonFields fields = read(p);
            if (p.nextToken() != null) {
                throw new MalformedException("more than one JSON document");
            }
            return fields;
        }
    }

    /** Reads the object at the parser's current token. */
    @SuppressWarnings("unchecked")
    static JsonFields read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new MalformedException("not a JSON object");
        }
        return new JsonFields((Map<String, Object>) JsonStreams.readValue(p));
    }

    /** The names of the object's fields, in the document's order. */
    public Set<String> names() {
        return fields.keySet();
    }

    public String string(String name) throws MalformedException {
        return as(name, String.class, "a string");
    }

    /** A whole number that fits an {@code int}. */
    public Integer integer(String name) throws MalformedException {
        Number n = as(name, Number.class, "a whole number");
        if (n != null && !(n instanceof Integer)) {
            throw new MalformedException("'" + name + "' is not a whole number of at most 10 digits");
        }
        return (Integer) n;
    }

    KeyRef ref(String name) throws MalformedException {
        String s = string(name);
        return s == null ? null : KeyRef.parse(s);
    }

    Instant instant(String name) throws MalformedException {
        return parsed(name, Timestamps::parse, "an ISO-8601 instant");
    }

    Duration duration(String name) throws MalformedException {
        return parsed(name, Duration::parse, "an ISO-8601 duration");
    }

    private <T> T parsed(String name, java.util.function.Function<String, T> parse, String what) throws MalformedException {
        String s = string(name);
        try {
            return s == null ? null : parse.apply(s);
        } catch (DateTimeParseException e) {
            throw new MalformedException("'" + name + "' is not " + what);
        }
    }

    List<String> strings(String name) throws MalformedException {
        List<?> list = as(name, List.class, "an array of strings");
        if (list == null) {
            return null;
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw new MalformedException("'" + name + "' is not an array of strings");
            }
            out.add(s);
        }
        return out;
    }

    Map<String, String> stringMap(String name) throws MalformedException {
        Map<?, ?> map = as(name, Map.class, "an object of strings");
        if (map == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new MalformedException("'" + name + "' is not an object of strings");
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public JsonFields object(String name) throws MalformedException {
        Map<String, Object> map = as(name, Map.class, "an object");
        return map == null ? null : new JsonFields(map);
    }

    @SuppressWarnings("unchecked")
    List<JsonFields> objects(String name) throws MalformedException {
        List<?> list = as(name, List.class, "an array of objects");
        if (list == null) {
            return null;
        }
        List<JsonFields> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> m)) {
                throw new MalformedException("'" + name + "' is not an array of objects");
            }
            out.add(new JsonFields((Map<String, Object>) m));
        }
        return out;
    }

    /** The field's value as compact JSON text, or null. */
    String json(String name) throws IOException {
        if (!fields.containsKey(name) || fields.get(name) == null) {
            return null;
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonStreams.factory().createGenerator(out)) {
            JsonStreams.writeValue(g, fields.get(name));
        }
        return out.toString();
    }

    private <T> T as(String name, Class<T> type, String what) throws MalformedException {
        Object v = fields.get(name);
        if (v == null) {
            return null;
        }
        if (!type.isInstance(v)) {
            throw new MalformedException("'" + name + "' is not " + what);
        }
        return type.cast(v);
    }

    /** A value in a metadata file that is not what apikey writes there. */
    public static final class MalformedException extends IOException {
        public MalformedException(String message) {
            super(message);
        }
    }
}
