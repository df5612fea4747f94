package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** Cloudflare's user API tokens under {@code /client/v4/user/tokens}: page-numbered lists, roll, verify. */
public final class CloudflareFake extends FakeApi {
    private static final String TOKENS = "/client/v4/user/tokens";
    private final String adminToken;
    /** When set, creates answer without the token's id, as an older API version did. */
    public boolean createWithoutId;

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
        if (path.equals(TOKENS + "/verify")) {
            Key k = keyBySecret(token);
            return k == null ? error(401, "Invalid API Token")
                    : ok(Map.of("id", k.id, "status", "active"));
        }
        if (!token.equals(adminToken)) {
            return error(401, "Authentication error");
        }
        if (path.equals(TOKENS) && r.getMethod().equals("POST")) {
            JsonNode body = body(r);
            if (!body.hasNonNull("name") || !body.path("policies").isArray()) {
                return error(400, "name and policies are required");
            }
            Key k = new Key(newId(), body.get("name").asText(), randomSecret("", 40), now);
            if (body.hasNonNull("expires_on")) {
                k.expiresAt = java.time.Instant.parse(body.get("expires_on").asText());
            }
            k.extra.put("policies", body.get("policies").toString());
            keys.put(k.id, k);
            Map<String, Object> view = view(k);
            if (createWithoutId) {
                view.remove("id");
            }
            view.put("value", k.secret);
            return ok(view);
        }
        if (path.equals(TOKENS) && r.getMethod().equals("GET")) {
            int page = Integer.parseInt(param(r, "page", "1"));
            int perPage = Integer.parseInt(param(r, "per_page", "20"));
            List<Key> all = keyList();
            List<Map<String, Object>> result = new ArrayList<>();
            for (int i = (page - 1) * perPage; i < Math.min(all.size(), page * perPage); i++) {
                result.add(view(all.get(i)));
            }
            Map<String, Object> body = envelope(result);
            body.put("result_info", Map.of("page", page, "per_page", perPage, "count", result.size(), "total_count", all.size()));
            return json(200, body);
        }
        if (path.startsWith(TOKENS + "/") && path.endsWith("/value") && r.getMethod().equals("PUT")) {
            Key k = keys.get(path.substring(TOKENS.length() + 1, path.length() - "/value".length()));
            if (k == null) {
                return error(404, "Token not found");
            }
            k.secret = randomSecret("", 40);
            return ok(k.secret);
        }
        if (path.startsWith(TOKENS + "/") && r.getMethod().equals("DELETE")) {
            String id = path.substring(TOKENS.length() + 1);
            if (keys.remove(id) == null) {
                return error(404, "Token not found");
            }
            return ok(Map.of("id", id));
        }
        return unmatched(r);
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
        v.put("policies", List.of());
        return v;
    }
}
