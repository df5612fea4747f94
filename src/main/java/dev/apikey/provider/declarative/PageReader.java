package dev.apikey.provider.declarative;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads one page of a listing as a stream: each element of the array at the items pointer is handed on as soon
 * as it is parsed, and only the values at the watched pointers (a cursor, a next-page URL, a total) are kept. A
 * page of any size is read in the memory of one key.
 */
final class PageReader {

    /** What a page held besides its items. */
    record Page(long count, String firstId, Map<String, JsonNode> watched, boolean itemsFound) {
    }

    /** A page whose items pointer names something other than an array. */
    static final class NotAnArrayException extends IOException {
        NotAnArrayException() {
            super("no array at the items pointer");
        }
    }

    private final String items;
    private final Set<String> watched;
    private final String idPointer;
    private final Map<String, JsonNode> found = new HashMap<>();
    private long count;
    private String firstId;
    private boolean itemsFound;

    private PageReader(String items, Set<String> watched, String idPointer) {
        this.items = items;
        this.watched = watched;
        this.idPointer = idPointer;
    }

    /**
     * @param items     the pointer to the array of keys
     * @param watched   pointers whose values the pagination needs
     * @param idPointer the pointer to an item's id, to tell pages apart
     */
    static Page read(InputStream in, String items, Set<String> watched, String idPointer, Consumer<JsonNode> each)
            throws IOException {
        PageReader r = new PageReader(items, watched, idPointer);
        try (JsonParser p = Json.mapper().createParser(in)) {
            if (p.nextToken() == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "empty document");
            }
            r.walk(p, "", each);
            if (p.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "trailing content");
            }
        }
        return new Page(r.count, r.firstId, Map.copyOf(r.found), r.itemsFound);
    }

    /** Visits the value the parser is at (its first token), whose pointer is {@code at}. */
    private void walk(JsonParser p, String at, Consumer<JsonNode> each) throws IOException {
        JsonToken t = p.currentToken();
        if (at.equals(items)) {
            itemsFound = true;
            if (t == JsonToken.VALUE_NULL) {
                return;
            }
            if (t != JsonToken.START_ARRAY) {
                throw new NotAnArrayException();
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                JsonNode item = p.readValueAsTree();
                if (count++ == 0 && idPointer != null) {
                    JsonNode id = item.at(idPointer);
                    firstId = id.isValueNode() ? id.asText() : null;
                }
                each.accept(item);
            }
            return;
        }
        if (watched.contains(at)) {
            found.put(at, p.readValueAsTree());
            return;
        }
        if (!leadsSomewhere(at)) {
            p.skipChildren();
            return;
        }
        if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                walk(p, at + "/" + DefinitionReader.escape(name), each);
            }
        } else if (t == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                walk(p, at + "/" + i++, each);
            }
        }
    }

    /** Whether the items or a watched value may be inside the value at {@code at}. */
    private boolean leadsSomewhere(String at) {
        if (inside(at, items)) {
            return true;
        }
        for (String w : watched) {
            if (inside(at, w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inside(String at, String target) {
        return at.isEmpty() || target.equals(at) || target.startsWith(at + "/");
    }
}
