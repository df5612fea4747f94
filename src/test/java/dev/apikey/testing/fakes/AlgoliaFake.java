package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Algolia's API keys, as its Search API documents them (algolia/api-clients-automation specs/bundled/search.yml,
 * cut in provider-specs/algolia-search-keys.yaml): {@code x-algolia-application-id} and {@code x-algolia-api-key} on
 * every call; {@code POST /1/keys} with {@code acl} (required), {@code description}, {@code validity} (seconds)
 * answers {@code {"key": …, "createdAt": …}} — the key is its own identifier; {@code GET /1/keys} lists every key
 * with its {@code value}; {@code DELETE /1/keys/{key}}. Errors are {@code {"message": …, "status": …}}.
 */
public final class AlgoliaFake extends FakeApi {
    public static final String APP_ID = "LATENCY";
    private final String adminKey;

    public AlgoliaFake(String adminKey) {
        super("/", "/1/keys", "/key");
        this.adminKey = adminKey;
    }

    @Override
    protected String newId() {
        return randomSecret("", 32).toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String errorBody(int status, String message) {
        return "{\"message\":\"" + message + "\",\"status\":" + status + "}";
    }

    @Override
    public void seed(int count) {
        for (int i = 0; i < count; i++) {
            String value = newId();
            keys.put(value, new Key(value, "console-key-" + i, value, now.minusSeconds(86400L * (count - i))));
        }
    }

    @Override
    protected MockResponse handle(RecordedRequest r) {
        if (!APP_ID.equals(r.getHeaders().get("x-algolia-application-id"))) {
            return error(403, "Invalid Application-ID or API key");
        }
        String key = r.getHeaders().get("x-algolia-api-key");
        String path = r.getUrl().encodedPath();
        if (path.equals("/1/indexes") && r.getMethod().equals("GET")) {
            return keys.containsKey(key) || adminKey.equals(key) ? json(200, Map.of("items", List.of(), "nbPages", 1))
                    : error(403, "Invalid Application-ID or API key");
        }
        if (!adminKey.equals(key)) {
            return error(403, "Invalid Application-ID or API key");
        }
        if (path.equals("/1/keys") && r.getMethod().equals("POST")) {
            JsonNode body = body(r);
            if (!body.path("acl").isArray()) {
                return error(400, "Invalid Application-ID or API key");
            }
            String value = newId();
            Key k = new Key(value, body.path("description").asText(""), value, now);
            keys.put(value, k);
            return json(200, Map.of("key", value, "createdAt", k.createdAt.toString()));
        }
        if (path.equals("/1/keys") && r.getMethod().equals("GET")) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Key k : keyList()) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("value", k.id);
                v.put("description", k.name);
                v.put("acl", List.of("search"));
                v.put("createdAt", k.createdAt.getEpochSecond());
                v.put("validity", 0);
                out.add(v);
            }
            return json(200, Map.of("keys", out));
        }
        if (path.startsWith("/1/keys/") && r.getMethod().equals("DELETE")) {
            return keys.remove(path.substring("/1/keys/".length())) == null ? error(404, "Key does not exist")
                    : json(200, Map.of("deletedAt", now.toString()));
        }
        return unmatched(r);
    }
}
