package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Datadog's v2 API keys ({@code /api/v2/api_keys}), the current user's application keys
 * ({@code /api/v2/current_user/application_keys}) and a service account's application keys
 * ({@code /api/v2/service_accounts/{service_account_id}/application_keys}), as Datadog documents them
 * (docs.datadoghq.com/api/latest/key-management/, /service-accounts/, /authentication/, /rate-limits/;
 * DataDog/datadog-api-client-java .generator/schemas/v2/openapi.yaml):
 * <ul>
 *   <li>management calls need both {@code DD-API-KEY} and {@code DD-APPLICATION-KEY}; so does any call that reads
 *       data ({@link #DASHBOARDS}): an application key is never used alone;</li>
 *   <li>{@code page[number]} pages from 0, {@code page[size]}; {@code /api/v1/validate} checks an API key alone;</li>
 *   <li>a rate-limited call is a 429 with {@code X-RateLimit-Limit}, {@code -Period}, {@code -Remaining} and
 *       {@code X-RateLimit-Reset} (seconds until the limit resets), and no {@code Retry-After}.</li>
 * </ul>
 */
public final class DatadogFake extends FakeApi {
    private static final String API_KEYS = "/api/v2/api_keys";
    private static final String APP_KEYS = "/api/v2/current_user/application_keys";
    public static final String SERVICE_ACCOUNT = "00000000-0000-1234-0000-000000000000";
    private static final String SA_KEYS = "/api/v2/service_accounts/" + SERVICE_ACCOUNT + "/application_keys";
    /** A call that reads data: it takes an API key and an application key, each made here or the management's. */
    public static final String DASHBOARDS = "/api/v1/dashboard";
    private final String apiKey;
    private final String appKey;

    public DatadogFake(String apiKey, String appKey) {
        this(apiKey, appKey, API_KEYS);
    }

    private DatadogFake(String apiKey, String appKey, String keysPath) {
        super("/", keysPath, "/data/attributes/key");
        this.apiKey = apiKey;
        this.appKey = appKey;
    }

    /** The fake seen through a service account's application keys: its create and list path is theirs. */
    public static DatadogFake ofServiceAccount(String apiKey, String appKey) {
        return new DatadogFake(apiKey, appKey, SA_KEYS);
    }

    /** The next {@code times} matching requests are rate limited the way Datadog says so: no Retry-After. */
    public DatadogFake rateLimitNext(String method, String pathPart, int times, int resetSeconds) {
        failWith(method, pathPart, times, () -> new MockResponse.Builder().code(429)
                .setHeader("Content-Type", "application/json")
                .setHeader("X-RateLimit-Limit", "60").setHeader("X-RateLimit-Period", "60")
                .setHeader("X-RateLimit-Remaining", "0").setHeader("X-RateLimit-Reset", String.valueOf(resetSeconds))
                .setHeader("X-RateLimit-Name", "api_keys")
                .body(errorBody(429, "Too many requests")).build());
        return this;
    }

    @Override
    protected String newId() {
        return java.util.UUID.nameUUIDFromBytes(nextId("dd").getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    @Override
    public String errorBody(int status, String message) {
        return "{\"errors\":[\"" + message + "\"]}";
    }

    @Override
    protected MockResponse handle(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        if (path.equals("/api/v1/validate")) {
            String key = r.getHeaders().get("DD-API-KEY");
            return key != null && (key.equals(apiKey) || keyBySecret(key) != null)
                    ? json(200, Map.of("valid", true)) : error(403, "Forbidden");
        }
        if (path.equals(DASHBOARDS) && r.getMethod().equals("GET")) {
            String api = r.getHeaders().get("DD-API-KEY");
            String app = r.getHeaders().get("DD-APPLICATION-KEY");
            boolean apiOk = api != null && (api.equals(apiKey) || isKey(api, "api_keys"));
            boolean appOk = app != null && (app.equals(appKey) || isKey(app, "application_keys"));
            return apiOk && appOk ? json(200, Map.of("dashboards", List.of())) : error(403, "Forbidden");
        }
        if (!apiKey.equals(r.getHeaders().get("DD-API-KEY")) || !appKey.equals(r.getHeaders().get("DD-APPLICATION-KEY"))) {
            return error(403, "Forbidden");
        }
        String collection = path.startsWith(API_KEYS) ? API_KEYS : path.startsWith(APP_KEYS) ? APP_KEYS
                : path.startsWith(SA_KEYS) ? SA_KEYS : null;
        if (collection == null) {
            return unmatched(r);
        }
        String type = collection == API_KEYS ? "api_keys" : "application_keys";
        if (path.equals(collection) && r.getMethod().equals("POST")) {
            JsonNode data = body(r).path("data");
            if (!type.equals(data.path("type").asText()) || !data.path("attributes").hasNonNull("name")) {
                return error(400, "Bad Request");
            }
            Key k = new Key(newId(), data.get("attributes").get("name").asText(), randomSecret("", 32), now);
            k.extra.put("type", type);
            if (data.path("attributes").path("scopes").isArray()) {
                k.scopes = new ArrayList<>();
                data.get("attributes").get("scopes").forEach(s -> k.scopes.add(s.asText()));
            }
            keys.put(k.id, k);
            Map<String, Object> view = view(k);
            @SuppressWarnings("unchecked")
            Map<String, Object> attributes = (Map<String, Object>) view.get("attributes");
            attributes.put("key", k.secret);
            return json(201, Map.of("data", view));
        }
        if (path.equals(collection) && r.getMethod().equals("GET")) {
            int size = Integer.parseInt(q(r, "page[size]", "10"));
            int number = Integer.parseInt(q(r, "page[number]", "0"));
            List<Key> all = keyList().stream().filter(k -> type.equals(k.extra.getOrDefault("type", seededType()))).toList();
            List<Map<String, Object>> data = new ArrayList<>();
            for (int i = number * size; i < Math.min(all.size(), (number + 1) * size); i++) {
                data.add(view(all.get(i)));
            }
            return json(200, Map.of("data", data, "meta", Map.of("page", Map.of("total_filtered_count", all.size()))));
        }
        if (r.getMethod().equals("DELETE")) {
            String id = path.substring(collection.length() + 1);
            return keys.remove(id) == null ? error(404, "Not found") : noContent();
        }
        return unmatched(r);
    }

    /** Keys made in the console (seeded) are of the kind this fake is seen through. */
    private String seededType() {
        return createPath().equals(API_KEYS) ? "api_keys" : "application_keys";
    }

    private boolean isKey(String secret, String type) {
        Key k = keyBySecret(secret);
        return k != null && type.equals(k.extra.getOrDefault("type", seededType()));
    }

    private static String q(RecordedRequest r, String name, String otherwise) {
        String v = r.getUrl().queryParameter(name);
        return v == null ? otherwise : v;
    }

    private Map<String, Object> view(Key k) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("created_at", k.createdAt.toString().replace("Z", ".000000+00:00"));
        attributes.put("last4", k.secret.substring(k.secret.length() - 4));
        attributes.put("modified_at", k.createdAt.toString());
        attributes.put("name", k.name);
        if (k.scopes != null) {
            attributes.put("scopes", k.scopes);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("type", k.extra.getOrDefault("type", seededType()));
        v.put("id", k.id);
        v.put("attributes", attributes);
        return v;
    }
}
