package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Anthropic's Admin API for API keys, as its reference documents it (platform.claude.com/docs/en/api/admin/api_keys:
 * list, retrieve, update; anthropics/anthropic-sdk-python resources/beta/organization/api_keys.py):
 * <ul>
 *   <li>every call takes an Admin API key in {@code x-api-key} and an {@code anthropic-version} header;</li>
 *   <li>there is no create: API keys are made in the Console;</li>
 *   <li>{@code GET /v1/organizations/api_keys} pages by cursor ({@code after_id}, {@code limit} 1–1000, default 20;
 *       {@code last_id}, {@code has_more}) and filters by {@code status} and {@code workspace_id}; a key shows only
 *       its {@code partial_key_hint};</li>
 *   <li>{@code POST /v1/organizations/api_keys/{id}} updates {@code name} and {@code status} ({@code active},
 *       {@code inactive}, {@code archived}); an archived key cannot be made active again;</li>
 *   <li>an active key calls the Messages API ({@code POST /v1/messages}) with {@code x-api-key} and
 *       {@code anthropic-version}; errors are {@code {"type":"error","error":{"type":…,"message":…}}}.</li>
 * </ul>
 */
public final class AnthropicFake extends FakeApi {
    private static final String KEYS = "/v1/organizations/api_keys";
    private final String adminKey;

    public AnthropicFake(String adminKey) {
        super("/", KEYS, "/none");
        this.adminKey = adminKey;
    }

    @Override
    protected String newId() {
        return nextId("apikey_01");
    }

    @Override
    public String errorBody(int status, String message) {
        String type = switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }

    @Override
    public void seed(int count) {
        super.seed(count);
        keyList().forEach(k -> k.extra.putIfAbsent("status", "active"));
    }

    @Override
    protected MockResponse handle(RecordedRequest r) {
        if (r.getHeaders().get("anthropic-version") == null) {
            return error(400, "anthropic-version: header is required");
        }
        String token = r.getHeaders().get("x-api-key");
        String path = r.getUrl().encodedPath();
        if (path.equals("/v1/messages") && r.getMethod().equals("POST")) {
            Key k = token == null ? null : keyBySecret(token);
            return k != null && "active".equals(k.extra.get("status"))
                    ? json(200, Map.of("type", "message", "role", "assistant", "content", List.of()))
                    : error(401, "invalid x-api-key");
        }
        if (!adminKey.equals(token)) {
            return error(401, "invalid x-api-key");
        }
        if (path.equals(KEYS) && r.getMethod().equals("GET")) {
            int limit = Integer.parseInt(r.getUrl().queryParameter("limit") == null ? "20" : r.getUrl().queryParameter("limit"));
            if (limit < 1 || limit > 1000) {
                return error(400, "limit: must be between 1 and 1000");
            }
            String status = r.getUrl().queryParameter("status");
            List<Key> all = keyList().stream().filter(k -> status == null || status.equals(k.extra.get("status"))).toList();
            String after = r.getUrl().queryParameter("after_id");
            int start = 0;
            for (int i = 0; after != null && i < all.size(); i++) {
                if (all.get(i).id.equals(after)) {
                    start = i + 1;
                }
            }
            List<Map<String, Object>> data = new ArrayList<>();
            for (int i = start; i < Math.min(all.size(), start + limit); i++) {
                data.add(view(all.get(i)));
            }
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("data", data);
            page.put("first_id", data.isEmpty() ? null : data.get(0).get("id"));
            page.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id"));
            page.put("has_more", start + limit < all.size());
            return json(200, page);
        }
        if (path.startsWith(KEYS + "/") && r.getMethod().equals("POST")) {
            Key k = keys.get(path.substring(KEYS.length() + 1));
            if (k == null) {
                return error(404, "API key not found");
            }
            JsonNode body = body(r);
            String status = body.path("status").asText(null);
            if (status != null && !List.of("active", "inactive", "archived").contains(status)) {
                return error(400, "status: must be one of active, inactive, archived");
            }
            if ("archived".equals(k.extra.get("status")) && status != null && !status.equals("archived")) {
                return error(400, "an archived API key cannot be changed");
            }
            if (status != null) {
                k.extra.put("status", status);
            }
            if (body.hasNonNull("name")) {
                k.name = body.get("name").asText();
            }
            return json(200, view(k));
        }
        return unmatched(r);
    }

    private Map<String, Object> view(Key k) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", k.id);
        v.put("type", "api_key");
        v.put("name", k.name);
        v.put("workspace_id", null);
        v.put("created_at", k.createdAt.toString());
        v.put("created_by", Map.of("id", "user_01", "type", "user"));
        v.put("partial_key_hint", "sk-ant-api03-" + k.secret.substring(0, 3) + "..." + k.secret.substring(k.secret.length() - 4));
        v.put("status", k.extra.getOrDefault("status", "active"));
        return v;
    }
}
