package dev.apikey.provider.declarative;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apikey.http.VerboseLog;
import dev.apikey.metadata.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Masks secrets in the bodies the {@code -v} log shows: every value at a definition's secret pointers (the new
 * key a create returns, before apikey has read it), and every secret that went into the request (a password, a
 * credential), in whatever encoding it was sent. A body that should carry a secret but cannot be read as JSON
 * (cut short, or malformed) is not shown at all.
 */
final class SecretMasking {
    static final String MASK = "***";
    static final String HIDDEN = "(body not shown: it may hold a secret and is not readable JSON)";

    private SecretMasking() {
    }

    static VerboseLog.BodyRedactor of(List<String> secretPointers, List<String> secretValues) {
        if (secretPointers.isEmpty() && secretValues.isEmpty()) {
            return VerboseLog.BodyRedactor.NONE;
        }
        return body -> {
            String out = body;
            for (String v : secretValues) {
                out = maskValue(out, v);
            }
            if (secretPointers.isEmpty()) {
                return out;
            }
            JsonNode json;
            try {
                json = Json.mapper().readTree(out);
            } catch (JacksonException e) {
                json = null;
            }
            if (json == null || !json.isContainerNode()) {
                // A form-encoded request body carries no response secret; anything else unreadable is hidden.
                return looksLikeForm(out) ? out : HIDDEN;
            }
            for (String pointer : secretPointers) {
                if (pointer.isEmpty()) {
                    return MASK;
                }
                mask(json, JsonPointer.compile(pointer));
            }
            return json.toString();
        };
    }

    /**
     * Masks the id of every listed key, for a provider whose ids are secrets: the page's array at {@code items},
     * each key's id at {@code idPointer}. A page that is not readable JSON is not shown.
     */
    static VerboseLog.BodyRedactor listedIds(String items, String idPointer) {
        return body -> {
            JsonNode json;
            try {
                json = Json.mapper().readTree(body);
            } catch (JacksonException e) {
                return HIDDEN;
            }
            if (json == null || !json.isContainerNode()) {
                return HIDDEN;
            }
            JsonNode array = json.at(items);
            if (array.isArray()) {
                array.forEach(item -> mask(item, JsonPointer.compile(idPointer)));
            }
            return json.toString();
        };
    }

    private static void mask(JsonNode root, JsonPointer pointer) {
        JsonNode parent = root.at(pointer.head());
        String last = pointer.last().getMatchingProperty();
        if (parent instanceof ObjectNode o && o.has(last)) {
            o.put(last, MASK);
        } else if (parent instanceof ArrayNode a) {
            int i = pointer.last().getMatchingIndex();
            if (i >= 0 && i < a.size()) {
                a.set(i, a.textNode(MASK));
            }
        }
    }

    /** Replaces a secret as it is, JSON-escaped, and form-encoded. */
    private static String maskValue(String body, String secret) {
        if (secret.isEmpty()) {
            return body;
        }
        String out = body.replace(secret, MASK);
        out = out.replace(jsonEscape(secret), MASK);
        return out.replace(URLEncoder.encode(secret, StandardCharsets.UTF_8), MASK);
    }

    private static String jsonEscape(String s) {
        try {
            String quoted = Json.mapper().writeValueAsString(s);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JacksonException e) {
            return s;
        }
    }

    private static boolean looksLikeForm(String body) {
        return !body.isEmpty() && body.indexOf('{') < 0 && body.indexOf('[') < 0 && body.indexOf(' ') < 0
                && body.contains("=");
    }
}
