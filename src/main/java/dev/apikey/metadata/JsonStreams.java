package dev.apikey.metadata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for the files every command reads ({@code keys.json}, {@code providers.json}, {@code targets.json},
 * {@code config.json}, the audit log, the encrypted secret store) and for key bindings, with jackson-core's streaming parser and
 * generator alone. Building jackson-databind's mapper costs more than the rest of a {@code list},
 * {@code get}, {@code exec} or {@code request}; those commands only read these files and write an audit
 * line, so they start without it. The documents are the ones the mapper writes ({@code MetadataJsonTest}
 * holds both to the same text), so either can read what the other wrote.
 */
public final class JsonStreams {
    private JsonStreams() {
    }

    private static final class Holder {
        // Two fields of one name in a file apikey wrote means the file was edited: refused, not resolved.
        static final JsonFactory FACTORY = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    static JsonFactory factory() {
        return Holder.FACTORY;
    }

    /**
     * A generator on {@code out}, which it leaves open when closed; indented as the mapper's default pretty
     * printer does, or on one line.
     */
    public static JsonGenerator generator(OutputStream out, boolean pretty) throws IOException {
        JsonGenerator g = factory().createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        if (pretty) {
            g.useDefaultPrettyPrinter();
        }
        return g;
    }

    /** Writes one document with {@code body}, indented as the mapper's default pretty printer does. */
    public static byte[] pretty(Body body) {
        return write(body, true);
    }

    /** Writes one document with {@code body} on one line. */
    static byte[] compact(Body body) {
        return write(body, false);
    }

    private static byte[] write(Body body, boolean pretty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = factory().createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return out.toByteArray();
    }

    /** What a document says, written to a generator. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** A JSON array of strings, as text (a key's binding: the origins it may be sent to). */
    public static String stringArray(List<String> values) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = factory().createGenerator(out)) {
            writeStrings(g, values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** @throws IOException when {@code text} is not a JSON array of strings */
    public static List<String> parseStringArray(String text) throws IOException {
        try (JsonParser p = factory().createParser(text)) {
            p.nextToken();
            Object value = readValue(p);
            if (p.nextToken() != null || !(value instanceof List<?> list)
                    || !list.stream().allMatch(String.class::isInstance)) {
                throw new JsonFields.MalformedException("not a JSON array of strings");
            }
            return list.stream().map(String.class::cast).toList();
        }
    }

    /** A JSON array of strings, or null. */
    public static void writeStrings(JsonGenerator g, List<String> values) throws IOException {
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    static void writeStringMap(JsonGenerator g, Map<String, String> values) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, String> e : values.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** Writes JSON text as the value it holds (a provider's definition is a nested object in its file). */
    static void writeRaw(JsonGenerator g, String json) throws IOException {
        if (json == null) {
            g.writeNull();
            return;
        }
        try (JsonParser p = factory().createParser(json)) {
            p.nextToken();
            g.copyCurrentStructure(p);
        }
    }

    /**
     * The value at the parser's current token as plain Java values: objects as insertion-ordered maps,
     * arrays as lists, strings, numbers, booleans and null. The parser is left on the value's last token.
     */
    static Object readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new JsonFields.MalformedException("no value");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> fields = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    fields.put(name, readValue(p));
                }
                return fields;
            }
            case START_ARRAY: {
                List<Object> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(p));
                }
                return items;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonFields.MalformedException("unexpected " + t);
        }
    }

    /** Writes plain Java values as {@link #readValue} reads them. */
    static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof java.math.BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof java.math.BigInteger i) {
            g.writeNumber(i);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Float f) {
            g.writeNumber(f);
        } else if (value instanceof Number n) {
            g.writeNumber(n.longValue());
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getSimpleName());
        }
    }
}
