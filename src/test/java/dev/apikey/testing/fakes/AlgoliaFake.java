package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Algolia's API keys, as its Search API documents them (algolia/api-clients-automation specs/bundled/search.yml,
 * cut in provider-specs/algolia-search-keys.yaml): {@code x-algolia-application-id} and {@code x-algolia-api-key} on
 * every call; {@code POST /1/keys} with {@code acl} (required), {@code description}, {@code validity} answers
 * {@code {"key": …, "createdAt": …}} — the key is its own identifier; {@code GET /1/keys} lists every key with its
 * {@code value}, {@code validity} and {@code createdAt} (milliseconds since the epoch); {@code DELETE /1/keys/{key}}.
 * Errors are {@code {"message": …, "status": …}}.
 *
 * <p>{@code validity} is an integer, the "duration (in seconds) after which the API key expires. By default, API keys
 * don't expire" (default 0; the {@code apiKey} schema of the spec above, which Algolia's "Create an API key" reference,
 * https://www.algolia.com/doc/rest-api/search/add-api-key, renders). Its earlier "Add API key" reference
 * (https://www.algolia.com/doc/api-reference/api-methods/add-api-key/) adds that the key is removed automatically once
 * that time has passed: here it is then in no list and authenticates nothing. The fake's time is the test's clock
 * ({@link #clock}).
 */
public final class AlgoliaFake extends FakeApi {
    public static final String APP_ID = "LATENCY";
    private final String adminKey;
    private Supplier<Instant> clock = () -> now;

    public AlgoliaFake(String adminKey) {
        super("/", "/1/keys", "/key");
        this.adminKey = adminKey;
    }

    /** Runs the fake on the clock of the apikey runs under test, so a key's validity runs out as it does for them. */
    public AlgoliaFake clock(Clock clock) {
        this.clock = clock::instant;
        return this;
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
        expire();
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
            JsonNode validity = body.path("validity");
            if (!validity.isMissingNode() && !(validity.isIntegralNumber() && validity.canConvertToLong() && validity.asLong() >= 0)) {
                return error(400, "validity must be a non-negative integer of seconds");
            }
            String value = newId();
            Key k = new Key(value, body.path("description").asText(""), value, clock.get());
            if (validity.asLong() > 0) {
                k.expiresAt = k.createdAt.plusSeconds(validity.asLong());
            }
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
                v.put("createdAt", k.createdAt.toEpochMilli());
                v.put("validity", k.expiresAt == null ? 0 : k.expiresAt.getEpochSecond() - k.createdAt.getEpochSecond());
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

    /** Removes the keys whose validity has run out. */
    private void expire() {
        Instant at = clock.get();
        synchronized (keys) {
            keys.values().removeIf(k -> k.expiresAt != null && !at.isBefore(k.expiresAt));
        }
    }
}
