package dev.apikey.provider.declarative;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A request body as a definition writes it: JSON whose every string is a {@link Template}, parsed once when the
 * definition is read. Numbers, booleans and nulls are sent as they are.
 */
sealed interface JsonTemplate {

    /** A string of the body: a template. */
    record Text(Template template) implements JsonTemplate {
    }

    /** An object; members keep their order. */
    record Members(Map<String, JsonTemplate> members) implements JsonTemplate {
    }

    /** An array. */
    record Elements(List<JsonTemplate> elements) implements JsonTemplate {
    }

    /** A number, boolean or null, sent as written. */
    record Constant(JsonNode value) implements JsonTemplate {
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static JsonTemplate of(JsonNode node) {
        if (node.isTextual()) {
            return new Text(Template.of(node));
        }
        if (node.isObject()) {
            Map<String, JsonTemplate> members = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> members.put(e.getKey(), of(e.getValue())));
            return new Members(Collections.unmodifiableMap(members));
        }
        if (node.isArray()) {
            List<JsonTemplate> elements = new ArrayList<>();
            node.forEach(e -> elements.add(of(e)));
            return new Elements(List.copyOf(elements));
        }
        return new Constant(node);
    }

    /** Calls {@code each} with every template of the body and its JSON pointer below the body. */
    default void forEachTemplate(String at, BiConsumer<String, Template> each) {
        if (this instanceof Text t) {
            each.accept(at, t.template());
        } else if (this instanceof Members m) {
            m.members().forEach((name, v) -> v.forEachTemplate(at + "/" + DefinitionReader.escape(name), each));
        } else if (this instanceof Elements a) {
            for (int i = 0; i < a.elements().size(); i++) {
                a.elements().get(i).forEachTemplate(at + "/" + i, each);
            }
        }
    }
}
