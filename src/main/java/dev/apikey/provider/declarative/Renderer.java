package dev.apikey.provider.declarative;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apikey.core.Secret;
import dev.apikey.core.UsageException;
import dev.apikey.metadata.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills templates from a {@link Scope}. Values are strings, instants, lists of strings, numbers, booleans,
 * JSON documents or secrets; the filters convert them:
 * <ul>
 *   <li>{@code date} — an instant as {@code 2027-01-31}; {@code iso} — as {@code 2027-01-31T00:00:00Z} (whole seconds);
 *       {@code epoch} — as Unix seconds;</li>
 *   <li>{@code secondsFromNow}, {@code daysFromNow} — an instant as a whole number of seconds or days from now,
 *       rounded up;</li>
 *   <li>{@code json} — text parsed as JSON (a {@code --param policies=@file.json}); {@code string} — any value as
 *       text; {@code int}, {@code bool} — text as a number or boolean;</li>
 *   <li>{@code csv} — a list joined with commas; {@code list} — comma-separated text as a list;
 *       {@code base64} — text in base64 (for {@code Basic} credentials).</li>
 * </ul>
 */
final class Renderer {
    static final Set<String> FILTERS = Set.of("date", "iso", "epoch", "secondsFromNow", "daysFromNow", "json",
            "string", "int", "bool", "csv", "spaces", "list", "base64");

    private Renderer() {
    }

    /** The template's value: typed when the template is one placeholder, else text; null when missing. */
    static Object value(Template t, Scope scope) {
        if (t.whole()) {
            return placeholder(t.parts().get(0).choices(), scope);
        }
        StringBuilder b = new StringBuilder();
        for (Template.Part p : t.parts()) {
            if (!p.placeholder()) {
                b.append(p.text());
                continue;
            }
            Object v = placeholder(p.choices(), scope);
            if (v == null) {
                return null;
            }
            b.append(text(v, scope));
        }
        return b.toString();
    }

    /** The template as text, or null when a value it needs is missing. */
    static String text(Template t, Scope scope) {
        Object v = value(t, scope);
        return v == null ? null : text(v, scope);
    }

    /**
     * A JSON template filled in; a member or element whose template is missing is left out. Returns a
     * {@link MissingNode} when the whole template is missing.
     */
    static JsonNode fill(JsonTemplate template, Scope scope) {
        if (template instanceof JsonTemplate.Text t) {
            Object v = value(t.template(), scope);
            return v == null ? MissingNode.getInstance() : json(v, scope);
        }
        if (template instanceof JsonTemplate.Members m) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            m.members().forEach((name, member) -> {
                JsonNode v = fill(member, scope);
                if (!v.isMissingNode()) {
                    out.set(name, v);
                }
            });
            return out;
        }
        if (template instanceof JsonTemplate.Elements a) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonTemplate element : a.elements()) {
                JsonNode v = fill(element, scope);
                if (!v.isMissingNode()) {
                    out.add(v);
                }
            }
            return out;
        }
        return ((JsonTemplate.Constant) template).value();
    }

    /** The first alternative of a placeholder that has a value, filtered; null when none has. */
    static Object placeholder(List<Template.Choice> choices, Scope scope) {
        for (Template.Choice c : choices) {
            Object v = c.literal() != null ? c.literal() : scope.lookup(c.ref());
            if (v == null || (v instanceof List<?> l && l.isEmpty()) || (v instanceof String s && s.isEmpty())) {
                continue;
            }
            String name = c.ref() != null ? c.ref() : "'" + c.literal() + "'";
            for (String f : c.filters()) {
                v = filter(f, v, name, scope);
            }
            return v;
        }
        return null;
    }

    private static Object filter(String name, Object v, String ref, Scope scope) {
        return switch (name) {
            case "date" -> instant(v, ref, name).atOffset(ZoneOffset.UTC).toLocalDate().toString();
            case "iso" -> instant(v, ref, name).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            case "epoch" -> instant(v, ref, name).getEpochSecond();
            case "secondsFromNow" -> Math.max(1, ceilSeconds(Duration.between(scope.now(), instant(v, ref, name))));
            case "daysFromNow" -> Math.max(1, (ceilSeconds(Duration.between(scope.now(), instant(v, ref, name))) + 86399) / 86400);
            case "json" -> parseJson(text(v, scope), ref);
            case "string" -> text(v, scope);
            case "int" -> integer(text(v, scope), ref);
            case "bool" -> bool(text(v, scope), ref);
            case "csv" -> v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : text(v, scope);
            case "spaces" -> v instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : text(v, scope);
            case "list" -> v instanceof List<?> l ? l : java.util.Arrays.stream(text(v, scope).split(","))
                    .map(String::trim).filter(x -> !x.isEmpty()).toList();
            case "base64" -> Base64.getEncoder().encodeToString(text(v, scope).getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalStateException("unknown filter " + name); // the definition check prevents this
        };
    }

    private static long ceilSeconds(Duration d) {
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }

    private static Instant instant(Object v, String ref, String filter) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof String s) {
            try {
                return ProviderTimes.parse(Json.mapper().getNodeFactory().textNode(s));
            } catch (RuntimeException e) {
                // reported below
            }
        }
        throw new UsageException("{" + ref + "|" + filter + "} needs a time; got a value that is not one");
    }

    private static JsonNode parseJson(String text, String ref) {
        try {
            return Json.mapper().readTree(text);
        } catch (JacksonException e) {
            throw new UsageException(describe(ref) + " must be JSON", "pass it as a file: --param " + paramName(ref) + "=@FILE.json");
        }
    }

    private static long integer(String text, String ref) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(describe(ref) + " must be a whole number");
        }
    }

    private static boolean bool(String text, String ref) {
        String t = text.trim();
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new UsageException(describe(ref) + " must be true or false");
    }

    private static String describe(String ref) {
        return ref.startsWith("param.") ? "--param " + paramName(ref) : ref;
    }

    private static String paramName(String ref) {
        return ref.startsWith("param.") ? ref.substring("param.".length()) : ref;
    }

    /** A value as text: instants in ISO-8601, lists joined with commas, JSON compact, secrets revealed. */
    static String text(Object v, Scope scope) {
        if (v instanceof Secret s) {
            scope.used(s);
            return s.reveal();
        }
        if (v instanceof List<?> l) {
            return String.join(",", l.stream().map(String::valueOf).toList());
        }
        if (v instanceof JsonNode n) {
            return n.isValueNode() ? n.asText() : n.toString();
        }
        return String.valueOf(v);
    }

    /** A value as JSON. */
    static JsonNode json(Object v, Scope scope) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof JsonNode n) {
            return n;
        }
        if (v instanceof List<?> l) {
            ArrayNode a = f.arrayNode();
            l.forEach(x -> a.add(String.valueOf(x)));
            return a;
        }
        if (v instanceof Long n) {
            return f.numberNode(n);
        }
        if (v instanceof Integer n) {
            return f.numberNode(n);
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        return f.textNode(text(v, scope));
    }
}
