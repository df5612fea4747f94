package dev.apikey.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apikey.core.Names;
import dev.apikey.core.SendRequest;
import dev.apikey.core.UsageException;
import dev.apikey.metadata.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Request fields as {@code gh api} takes them: {@code -f K=V} adds a string, {@code -F K=V} a typed
 * value ({@code true}, {@code false}, {@code null} and integers become JSON literals, {@code @FILE} the
 * file's text, {@code @-} standard input). {@code K[sub]=V} nests objects, {@code K[]=V} appends to an
 * array. They make a JSON body, or query parameters for a GET.
 */
final class RequestFields implements SendRequest.Fields {
    private static final Pattern KEY = Pattern.compile("([^\\[\\]]+)((?:\\[[^\\[\\]]*\\])*)");
    private static final Pattern SEGMENT = Pattern.compile("\\[([^\\[\\]]*)\\]");
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");

    /** One field: its key path ("" for an array append) and its value. */
    private record Field(String key, List<String> path, JsonNode value) {
    }

    private final List<Field> fields;

    private RequestFields(List<Field> fields) {
        this.fields = fields;
    }

    /**
     * @param stdin standard input, for {@code -F K=@-}; read at most once
     */
    static RequestFields parse(List<String> raw, List<String> typed, Supplier<InputStream> stdin) {
        List<Field> fields = new ArrayList<>();
        for (String f : raw) {
            String[] kv = split(f, "-f");
            fields.add(new Field(kv[0], path(kv[0], "-f"), JsonNodeFactory.instance.textNode(kv[1])));
        }
        for (String f : typed) {
            String[] kv = split(f, "-F");
            fields.add(new Field(kv[0], path(kv[0], "-F"), typedValue(kv[0], kv[1], stdin)));
        }
        return new RequestFields(fields);
    }

    @Override
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The fields as one JSON object. */
    @Override
    public byte[] json() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Field f : fields) {
            put(root, f);
        }
        try {
            return Json.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields as query parameters, keys as written ({@code labels[]=bug}). */
    @Override
    public List<Map.Entry<String, String>> queryParameters() {
        return fields.stream()
                .<Map.Entry<String, String>>map(f -> new AbstractMap.SimpleImmutableEntry<>(f.key(),
                        f.value().isNull() ? "" : f.value().asText()))
                .toList();
    }

    private static String[] split(String field, String flag) {
        int eq = field.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("invalid " + flag + " '" + Names.printable(field) + "': expected KEY=VALUE",
                    "for example: " + flag + " name=ci-bot");
        }
        return new String[] {field.substring(0, eq), field.substring(eq + 1)};
    }

    private static List<String> path(String key, String flag) {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) {
            throw new UsageException("invalid " + flag + " key '" + Names.printable(key) + "'",
                    "use name, name[sub] for a nested object, or name[] to append to an array");
        }
        List<String> path = new ArrayList<>();
        path.add(m.group(1));
        Matcher s = SEGMENT.matcher(m.group(2));
        while (s.find()) {
            path.add(s.group(1));
        }
        for (int i = 0; i < path.size() - 1; i++) {
            if (path.get(i + 1).isEmpty() && i + 1 < path.size() - 1) {
                throw new UsageException("arrays of objects ('" + Names.printable(key) + "') are not supported by " + flag,
                        "send the JSON body with -d '{…}' or -d @FILE");
            }
        }
        return path;
    }

    private static JsonNode typedValue(String key, String value, Supplier<InputStream> stdin) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (value) {
            case "true":
                return nodes.booleanNode(true);
            case "false":
                return nodes.booleanNode(false);
            case "null":
                return nodes.nullNode();
            default:
                break;
        }
        if (INTEGER.matcher(value).matches()) {
            return nodes.numberNode(Long.parseLong(value));
        }
        if (value.startsWith("@")) {
            return nodes.textNode(readText(key, value.substring(1), stdin));
        }
        return nodes.textNode(value);
    }

    private static String readText(String key, String source, Supplier<InputStream> stdin) {
        try {
            if (source.equals("-")) {
                return new String(stdin.get().readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(source), StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException | java.nio.file.InvalidPathException e) {
            throw new UsageException("cannot read " + (source.equals("-") ? "standard input" : source) + " for -F " + key
                    + " (" + e.getClass().getSimpleName() + ")", "check the file name; -F KEY=@FILE reads the file's text");
        }
    }

    private static void put(ObjectNode root, Field f) {
        JsonNode node = root;
        List<String> path = f.path();
        for (int i = 0; i < path.size(); i++) {
            String name = path.get(i);
            boolean last = i == path.size() - 1;
            boolean nextIsArray = !last && path.get(i + 1).isEmpty();
            if (node instanceof ArrayNode array) {
                array.add(f.value()); // an array segment is always last: checked when parsed
                return;
            }
            ObjectNode object = (ObjectNode) node;
            JsonNode existing = object.get(name);
            if (last) {
                if (existing != null && existing.isContainerNode()) {
                    throw conflict(f);
                }
                object.set(name, f.value());
                return;
            }
            if (existing == null) {
                existing = nextIsArray ? object.putArray(name) : object.putObject(name);
            } else if (nextIsArray ? !existing.isArray() : !existing.isObject()) {
                throw conflict(f);
            }
            node = existing;
        }
    }

    private static UsageException conflict(Field f) {
        return new UsageException("field '" + Names.printable(f.key()) + "' conflicts with another field of the same name",
                "a name is either a value, an object (name[sub]=…) or an array (name[]=…)");
    }
}
