package dev.apikey.provider.declarative;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apikey.core.UsageException;
import dev.apikey.metadata.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a provider definition into a {@link Definition}, in three steps with one source of truth each: its
 * structure against the JSON Schema ({@link DefinitionSchema}, only when a definition is added or tested), its
 * binding to typed records by Jackson (templates parsed once), and what no schema can say ({@link DefinitionChecks}).
 * Every problem is collected with the JSON pointer of the place it is at, so a user fixing a definition sees all of
 * them at once.
 */
public final class DefinitionReader {

    /** One problem, at a JSON pointer into the definition. */
    public record Problem(String path, String message) {
        @Override
        public String toString() {
            return (path.isEmpty() ? "(top level)" : path) + ": " + message;
        }
    }

    /** A definition with problems; its message lists every one. */
    public static final class InvalidDefinitionException extends UsageException {
        private final List<Problem> problems;

        InvalidDefinitionException(String what, List<Problem> problems) {
            super(what + " is not a valid provider definition (" + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + "):\n  "
                    + String.join("\n  ", problems.stream().map(Problem::toString).toList()),
                    "see docs/providers.md for the format");
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }

        /** The same problems, for a definition named differently (the file it was read from). */
        public InvalidDefinitionException in(String what) {
            return new InvalidDefinitionException(what, problems);
        }
    }

    private DefinitionReader() {
    }

    /**
     * Every problem of a definition as written, variants included; empty when it is valid. The structure is checked
     * against the JSON Schema; a definition that conforms is bound and its templates and values checked.
     */
    public static List<Problem> check(JsonNode raw) {
        if (!raw.isObject()) {
            return bound(raw).problems();
        }
        Set<Problem> problems = new LinkedHashSet<>(DefinitionSchema.problems(raw));
        JsonNode variants = raw.path("variants");
        if (!variants.isObject()) {
            problems.addAll(checked(raw, List.copyOf(problems)));
            return List.copyOf(problems);
        }
        if (!problems.isEmpty()) {
            return List.copyOf(problems);
        }
        String param = variants.path("param").asText();
        List<String> values = new ArrayList<>();
        variants.path("values").fieldNames().forEachRemaining(values::add);
        String def = variants.path("default").asText(null);
        if (def != null && !values.contains(def)) {
            problems.add(new Problem("/variants/default", "must name one of the variants: " + String.join(", ", values)));
        }
        // Each variant is checked merged; problems every variant shares are reported once, the others per variant.
        Map<String, List<Problem>> byVariant = new LinkedHashMap<>();
        for (String value : values) {
            JsonNode merged = select(raw, param, value);
            List<Problem> found = new ArrayList<>(DefinitionSchema.problems(merged));
            found.addAll(checked(merged, List.copyOf(found)));
            byVariant.put(value, found);
        }
        Set<Problem> shared = new LinkedHashSet<>(byVariant.values().iterator().next());
        byVariant.values().forEach(shared::retainAll);
        problems.addAll(shared);
        byVariant.forEach((value, list) -> list.stream().filter(p -> !shared.contains(p))
                .forEach(p -> problems.add(new Problem(p.path(), p.message() + " (with --param " + param + "=" + value + ")"))));
        return List.copyOf(problems);
    }

    /** Throws when the definition has problems; {@code what} names it in the message (a file name). */
    public static void requireValid(JsonNode raw, String what) {
        List<Problem> problems = check(raw);
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(what, problems);
        }
    }

    /**
     * Checks that a provider's settings choose a variant the definition has.
     *
     * @throws UsageException naming the variants when the choice is unknown
     */
    public static void requireKnownVariant(JsonNode raw, Map<String, String> providerParams, String providerType) {
        variantOf(raw, providerParams, providerType);
    }

    /**
     * The definition a provider uses: its variant chosen by {@code --param}, bound and checked. The JSON Schema is
     * not consulted here (it was when the definition was added, and the built-ins' in their tests), so opening a
     * provider does not load the validator.
     */
    static Definition read(JsonNode raw, Map<String, String> providerParams, String what) {
        String[] variant = variantOf(raw, providerParams, what);
        Bound b = bound(variant == null ? raw : select(raw, variant[0], variant[1]));
        if (!b.problems().isEmpty()) {
            throw new InvalidDefinitionException(what, b.problems());
        }
        return b.definition();
    }

    /**
     * The hand-written checks' problems, so that a user sees them together with the schema's: a definition the schema
     * rejected is bound leniently (unknown members and values left out), and nothing is said again at a place the
     * schema already spoke of.
     */
    private static List<Problem> checked(JsonNode node, List<Problem> schemaProblems) {
        if (schemaProblems.isEmpty()) {
            return bound(node).problems();
        }
        Definition d;
        try {
            d = LENIENT.get().readValue(node);
        } catch (IOException | RuntimeException e) {
            return List.of(); // too broken to bind: the schema's problems are what there is to fix first
        }
        return DefinitionChecks.of(d).stream()
                .filter(p -> schemaProblems.stream().noneMatch(s -> s.path().equals(p.path())))
                .toList();
    }

    private static final java.util.function.Supplier<ObjectReader> LENIENT = () -> Json.mapper()
            .readerFor(Definition.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    /** A definition bound to its records, or the problems that kept it from being bound or that it has. */
    private record Bound(Definition definition, List<Problem> problems) {
    }

    private static Bound bound(JsonNode node) {
        if (!node.isObject()) {
            return new Bound(null, List.of(new Problem("", "a provider definition must be a JSON object")));
        }
        Definition d;
        try {
            d = BINDING.get().readValue(node);
        } catch (JsonMappingException e) {
            return new Bound(null, List.of(bindingProblem(e)));
        } catch (IOException e) {
            return new Bound(null, List.of(new Problem("", "cannot be read: " + e.getMessage())));
        }
        return new Bound(d, DefinitionChecks.of(d));
    }

    private static final java.util.function.Supplier<ObjectReader> BINDING = () -> Json.mapper()
            .readerFor(Definition.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Where binding failed, as a problem at its JSON pointer (the schema, when consulted, reports these first). */
    private static Problem bindingProblem(JsonMappingException e) {
        StringBuilder at = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            at.append('/').append(r.getFieldName() != null ? escape(r.getFieldName()) : String.valueOf(r.getIndex()));
        }
        if (e instanceof UnrecognizedPropertyException) {
            return new Problem(at.toString(), "unknown member");
        }
        String detail = e.getOriginalMessage();
        int cut = detail.indexOf('\n');
        return new Problem(at.toString(), "has the wrong type or value ("
                + (cut < 0 ? detail : detail.substring(0, cut)).replaceAll("`[a-z.]+\\.", "`") + ")");
    }

    /** The variant parameter and its value, or null when the definition has no variants. */
    private static String[] variantOf(JsonNode raw, Map<String, String> params, String what) {
        JsonNode v = raw.get("variants");
        if (v == null || !v.isObject()) {
            return null;
        }
        String param = v.path("param").asText();
        String value = params.getOrDefault(param, v.path("default").asText(null));
        JsonNode values = v.path("values");
        if (value == null || !values.has(value)) {
            List<String> names = new ArrayList<>();
            values.fieldNames().forEachRemaining(names::add);
            throw new UsageException((value == null ? "no " : "unknown ") + param + (value == null ? "" : " '" + value + "'")
                    + " for " + what, "use --param " + param + "=" + String.join("|", names) + " with 'apikey provider add'");
        }
        return new String[] {param, value};
    }

    /** The definition with one variant merged in (RFC 7386 merge patch) and the variants removed. */
    static JsonNode select(JsonNode raw, String param, String value) {
        ObjectNode base = ((ObjectNode) raw).deepCopy();
        JsonNode patch = base.path("variants").path("values").path(value);
        base.remove("variants");
        return mergePatch(base, patch);
    }

    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }

    /** A member name as a JSON pointer segment. */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
