package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** OpenAI's organization admin API keys: {@code /v1/organization/admin_api_keys}, cursor pages of at most 100. */
public final class OpenAiFake extends FakeApi {
    private static final String KEYS = "/v1/organization/admin_api_keys";
    private final String adminKey;

    public OpenAiFake(String adminKey) {
        super("/v1", KEYS, "/value");
        this.adminKey = adminKey;
    }

    @Override
    protected String newId() {
        return nextId("key_");
    }

    @Override
    public String errorBody(int status, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}";
    }

    @Override
    protected MockResponse handle(RecordedRequest r) {
        String token = bearer(r);
        // The organization's admin key, or an admin key made through the API.
        if (!token.equals(adminKey) && keyBySecret(token) == null) {
            return error(401, "Incorrect API key provided");
        }
        String path = r.getUrl().encodedPath();
        if (path.equals(KEYS) && r.getMethod().equals("POST")) {
            JsonNode body = body(r);
            if (!body.hasNonNull("name")) {
                return error(400, "name is required");
            }
            Key k = new Key(newId(), body.get("name").asText(), randomSecret("sk-admin-", 40), now);
            if (body.has("expires_in_seconds")) {
                k.expiresAt = now.plusSeconds(body.get("expires_in_seconds").asLong());
            }
            keys.put(k.id, k);
            Map<String, Object> view = view(k);
            view.put("value", k.secret);
            return json(200, view);
        }
        if (path.equals(KEYS) && r.getMethod().equals("GET")) {
            int limit = Integer.parseInt(r.getUrl().queryParameter("limit") == null ? "20" : r.getUrl().queryParameter("limit"));
            String after = r.getUrl().queryParameter("after");
            List<Key> all = keyList();
            int start = 0;
            if (after != null) {
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).id.equals(after)) {
                        start = i + 1;
                    }
                }
            }
            List<Map<String, Object>> data = new ArrayList<>();
            for (int i = start; i < Math.min(all.size(), start + limit); i++) {
                data.add(view(all.get(i)));
            }
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("object", "list");
            page.put("data", data);
            page.put("first_id", data.isEmpty() ? null : data.get(0).get("id"));
            page.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id"));
            page.put("has_more", start + limit < all.size());
            return json(200, page);
        }
        if (path.startsWith(KEYS + "/") && r.getMethod().equals("DELETE")) {
            String id = path.substring(KEYS.length() + 1);
            if (keys.remove(id) == null) {
                return error(404, "No admin API key with id " + id);
            }
            return json(200, Map.of("id", id, "object", "organization.admin_api_key.deleted", "deleted", true));
        }
        return error(404, "Invalid URL (" + r.getMethod() + " " + path + ")");
    }

    private Map<String, Object> view(Key k) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("object", "organization.admin_api_key");
        v.put("id", k.id);
        v.put("name", k.name);
        v.put("redacted_value", "sk-admin..." + k.secret.substring(k.secret.length() - 3));
        v.put("created_at", k.createdAt.getEpochSecond());
        v.put("expires_at", k.expiresAt == null ? null : k.expiresAt.getEpochSecond());
        v.put("last_used_at", null);
        v.put("owner", Map.of("type", "user", "object", "organization.user", "id", "user_1", "name", "Ada", "role", "owner"));
        return v;
    }
}
