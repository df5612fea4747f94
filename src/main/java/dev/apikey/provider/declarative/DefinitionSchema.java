package dev.apikey.provider.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The structure of a definition, as {@code docs/provider-definition.schema.json} says it (the build copies that
 * file here; it is the one source of truth for which members exist and what they hold). Checked when a user adds
 * a definition and by the tests of the built-ins — never when a provider is opened, so starting a command does
 * not load the validator.
 */
final class DefinitionSchema {
    static final String RESOURCE = "/dev/apikey/provider/declarative/provider-definition.schema.json";

    private DefinitionSchema() {
    }

    private static final class Holder {
        static final Schema SCHEMA = load();
    }

    private static Schema load() {
        try (InputStream in = DefinitionSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            // The schema words its own messages where the validator's would quote a regular expression.
            SchemaRegistryConfig config = SchemaRegistryConfig.builder().errorMessageKeyword("errorMessage").build();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemaRegistryConfig(config))
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the schema finds wrong with a definition, each at its JSON pointer; empty when it conforms. */
    static List<DefinitionReader.Problem> problems(JsonNode definition) {
        List<Error> errors = Holder.SCHEMA.validate(definition);
        List<DefinitionReader.Problem> problems = new ArrayList<>();
        for (Error e : errors) {
            String at = pointer(e.getInstanceLocation());
            if (isUnevaluated(e) && explainedBelow(at, errors)) {
                // A member of a $ref'd schema that failed counts as unevaluated too; the failure itself says more.
                continue;
            }
            DefinitionReader.Problem p = problem(e, at);
            if (!problems.contains(p)) {
                problems.add(p);
            }
        }
        return problems;
    }

    private static boolean isUnevaluated(Error e) {
        return "unevaluatedProperties".equals(e.getKeyword());
    }

    private static boolean explainedBelow(String at, List<Error> errors) {
        return errors.stream().anyMatch(o -> !isUnevaluated(o) && (pointer(o.getInstanceLocation()) + "/").startsWith(at + "/"));
    }

    /** The validator's error in the words the rest of apikey uses; an unknown member is reported at the member. */
    private static DefinitionReader.Problem problem(Error e, String at) {
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        return switch (keyword) {
            case "additionalProperties", "unevaluatedProperties" ->
                    new DefinitionReader.Problem(at + "/" + DefinitionReader.escape(e.getProperty()), "unknown member");
            case "propertyNames" -> new DefinitionReader.Problem(at + "/" + DefinitionReader.escape(e.getProperty()),
                    message(e).replaceFirst("^property '.*' name is not valid: ", ""));
            case "type" -> new DefinitionReader.Problem(at, "must be " + types(e.getSchemaNode()));
            case "required" -> new DefinitionReader.Problem(at, "missing \"" + e.getProperty() + "\"");
            case "enum" -> new DefinitionReader.Problem(at, "must be one of " + String.join(", ",
                    java.util.stream.StreamSupport.stream(e.getSchemaNode().spliterator(), false).map(JsonNode::asText).toList()));
            default -> new DefinitionReader.Problem(at, message(e));
        };
    }

    private static String types(JsonNode type) {
        List<String> names = new ArrayList<>();
        (type.isArray() ? type : List.of(type)).forEach(t -> names.add(switch (t.asText()) {
            case "object", "array", "integer" -> "an " + t.asText();
            default -> "a " + t.asText();
        }));
        return String.join(" or ", names);
    }

    private static String pointer(NodePath at) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < at.getNameCount(); i++) {
            Object element = at.getElement(i);
            b.append('/').append(element instanceof Integer n ? n.toString() : DefinitionReader.escape(String.valueOf(element)));
        }
        return b.toString();
    }

    /** The validator's message without the location it starts with (the problem carries it). */
    private static String message(Error e) {
        String m = e.getMessage();
        int colon = m.indexOf(": ");
        return m.startsWith("$") || m.startsWith("/") ? (colon < 0 ? m : m.substring(colon + 2)) : m;
    }
}
