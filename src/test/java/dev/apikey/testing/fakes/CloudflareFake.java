package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Cloudflare's API tokens, user-owned under {@code /client/v4/user/tokens} and account-owned under
 * {@code /client/v4/accounts/:account_id/tokens} (cloudflare/api-schemas openapi.json, "Roll Token", "Update Token";
 * developers.cloudflare.com/fundamentals/api/how-to/roll-token): page-numbered lists, verify, and a roll that
 * changes only the secret — the token keeps its id, policies and {@code expires_on}; an update
 * ({@code PUT /tokens/:id}, which needs the whole token: {@code name}, {@code status}, {@code policies}) sets a new
 * expiry.
 */
public final class CloudflareFake extends FakeApi {
    private static final String TOKENS = "/client/v4/user/tokens";
    private static final java.util.regex.Pattern OWNED = java.util.regex.Pattern.compile(
            "/client/v4/(user|accounts/([^/]+))/tokens(?:/([^/]+)(/value)?)?");
    private final String adminToken;
    /** When set, creates answer without the token's id, as an older API version did. */
    public boolean createWithoutId;
    /** When set, every update fails with a 500 (the roll before it still happens). */
    public boolean failUpdates;
    /** How many rolls were made. */
    public int rolls;
    /** The bodies of the updates received. */
    public final List<JsonNode> updates = java.util.Collections.synchronizedList(new ArrayList<>());

    public CloudflareFake(String adminToken) {
        super("/client/v4", TOKENS, "/result/value");
        this.adminToken = adminToken;
    }

    @Override
    protected String newId() {
        return String.format("%032x", Long.parseLong(nextId("")));
    }

    @Override
    public String errorBody(int status, String message) {
        return "{\"success\":false,\"errors\":[{\"code\":" + (status == 401 ? 10000 : 7003) + ",\"message\":\"" + message
                + "\"}],\"messages\":[],\"result\":null}";
    }

    @Override
    protected MockResponse handle(RecordedRequest r) {
        String token = bearer(r);
        String path = r.getUrl().encodedPath();
        java.util.regex.Matcher owned = OWNED.matcher(path);
        if (owned.matches() && "verify".equals(owned.group(3)) && owned.group(4) == null && r.getMethod().equals("GET")) {
            Key k = keyBySecret(token);
            return k == null ? error(401, "Invalid API Token")
                    : ok(Map.of("id", k.id, "status", "active"));
        }
        if (!token.equals(adminToken)) {
            return error(401, "Authentication error");
        }
        if (!owned.matches()) {
            return unmatched(r);
        }
        String owner = owned.group(2) == null ? "user" : "account " + owned.group(2);
        String id = owned.group(3);
        if (id == null && r.getMethod().equals("POST")) {
            JsonNode body = body(r);
            if (!body.hasNonNull("name") || !body.path("policies").isArray()) {
                return error(400, "name and policies are required");
            }
            Key k = new Key(newId(), body.get("name").asText(), randomSecret("", 40), now);
            if (body.hasNonNull("expires_on")) {
                k.expiresAt = java.time.Instant.parse(body.get("expires_on").asText());
            }
            k.extra.put("policies", body.get("policies").toString());
            k.extra.put("owner", owner);
            keys.put(k.id, k);
            Map<String, Object> view = view(k);
            if (createWithoutId) {
                view.remove("id");
            }
            view.put("value", k.secret);
            return ok(view);
        }
        if (id == null && r.getMethod().equals("GET")) {
            int page = Integer.parseInt(param(r, "page", "1"));
            int perPage = Integer.parseInt(param(r, "per_page", "20"));
            List<Key> all = keyList().stream().filter(k -> owner.equals(k.extra.getOrDefault("owner", "user"))).toList();
            List<Map<String, Object>> result = new ArrayList<>();
            for (int i = (page - 1) * perPage; i < Math.min(all.size(), page * perPage); i++) {
                result.add(view(all.get(i)));
            }
            Map<String, Object> body = envelope(result);
            body.put("result_info", Map.of("page", page, "per_page", perPage, "count", result.size(), "total_count", all.size()));
            return json(200, body);
        }
        Key k = id == null ? null : keys.get(id);
        if (id == null || k == null || !owner.equals(k.extra.getOrDefault("owner", "user"))) {
            return id == null ? unmatched(r) : error(404, "Token not found");
        }
        if (owned.group(4) != null) {
            if (!r.getMethod().equals("PUT")) {
                return unmatched(r);
            }
            // A roll makes a new secret and nothing else: expires_on stays what it was.
            k.secret = randomSecret("", 40);
            rolls++;
            return ok(k.secret);
        }
        switch (r.getMethod()) {
            case "GET":
                return ok(view(k));
            case "PUT": {
                if (failUpdates) {
                    return error(500, "Internal error");
                }
                JsonNode body = body(r);
                if (!body.hasNonNull("name") || !body.hasNonNull("status") || !body.path("policies").isArray()) {
                    return error(400, "name, status and policies are required");
                }
                k.name = body.get("name").asText();
                k.expiresAt = body.hasNonNull("expires_on") ? java.time.Instant.parse(body.get("expires_on").asText()) : null;
                k.extra.put("policies", body.get("policies").toString());
                updates.add(body);
                return ok(view(k));
            }
            case "DELETE":
                keys.remove(id);
                return ok(Map.of("id", id));
            default:
                return unmatched(r);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return dev.apikey.metadata.Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String param(RecordedRequest r, String name, String otherwise) {
        String v = r.getUrl().queryParameter(name);
        return v == null ? otherwise : v;
    }

    private MockResponse ok(Object result) {
        return json(200, envelope(result));
    }

    private static Map<String, Object> envelope(Object result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", true);
        m.put("errors", List.of());
        m.put("messages", List.of());
        m.put("result", result);
        return m;
    }

    private Map<String, Object> view(Key k) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", k.id);
        v.put("name", k.name);
        v.put("status", "active");
        v.put("issued_on", k.createdAt.toString());
        v.put("modified_on", k.createdAt.toString());
        if (k.expiresAt != null) {
            v.put("expires_on", k.expiresAt.toString());
        }
        v.put("policies", k.extra.containsKey("policies") ? parse(k.extra.get("policies")) : List.of());
        return v;
    }
}
