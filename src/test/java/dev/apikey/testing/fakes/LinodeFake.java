package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Linode's personal access tokens, as the Linode API v4 reference documents them
 * (https://techdocs.akamai.com/linode-api/reference/post-personal-access-token and its list/delete pages; the
 * OpenAPI document linode/linode-api-docs openapi.yaml, cut in provider-specs/linode-profile-tokens.yaml):
 * <ul>
 *   <li>{@code Authorization: Bearer} with a token of the account; a revoked token is refused with 401 at once;</li>
 *   <li>a create takes {@code label} (1–100 characters), {@code scopes} (one string, scopes separated by spaces,
 *       {@code *} or absent for the acting token's own scopes, never more than those) and {@code expiry}
 *       (date-time; absent for a token that never expires), and answers 200 with the full {@code token};</li>
 *   <li>lists are paged by {@code page} (from 1) and {@code page_size} (25 to 500, default 100), with
 *       {@code page}, {@code pages} and {@code results}; a listed token shows only its first 16 characters;</li>
 *   <li>times are UTC without a zone ({@code 2018-01-01T00:01:01}); errors are
 *       {@code {"errors":[{"field":…,"reason":…}]}}.</li>
 * </ul>
 */
public final class LinodeFake extends FakeApi {
    private static final String TOKENS = "/v4/profile/tokens";
    private final String managementToken;

    public LinodeFake(String managementToken) {
        super("/", TOKENS, "/token");
        this.managementToken = managementToken;
    }

    @Override
    protected String newId() {
        return nextId("");
    }

    @Override
    public String errorBody(int status, String message) {
        return "{\"errors\":[{\"field\":null,\"reason\":\"" + message + "\"}]}";
    }

    @Override
    protected MockResponse handle(RecordedRequest r) {
        String token = bearer(r);
        if (!token.equals(managementToken) && keyBySecret(token) == null) {
            return error(401, "Invalid Token");
        }
        String path = r.getUrl().encodedPath();
        if (path.equals(TOKENS) && r.getMethod().equals("POST")) {
            JsonNode body = body(r);
            String label = body.path("label").asText("");
            if (label.isEmpty() || label.length() > 100) {
                return json(400, "{\"errors\":[{\"field\":\"label\",\"reason\":\"Length must be 1-100 characters\"}]}");
            }
            if (body.has("scopes") && !body.get("scopes").isTextual()) {
                return json(400, "{\"errors\":[{\"field\":\"scopes\",\"reason\":\"Invalid OAuth scopes\"}]}");
            }
            Key k = new Key(newId(), label, randomSecret("", 64), now);
            k.scopes = List.of(body.path("scopes").asText("*"));
            if (body.hasNonNull("expiry")) {
                k.expiresAt = OffsetDateTime.parse(body.get("expiry").asText()).toInstant();
            }
            keys.put(k.id, k);
            Map<String, Object> v = view(k);
            v.put("token", k.secret);
            return json(200, v);
        }
        if (path.equals(TOKENS) && r.getMethod().equals("GET")) {
            int page = Integer.parseInt(param(r, "page", "1"));
            int size = Integer.parseInt(param(r, "page_size", "100"));
            if (size < 25 || size > 500) {
                return json(400, "{\"errors\":[{\"field\":\"page_size\",\"reason\":\"Must be 25-500\"}]}");
            }
            List<Key> all = keyList();
            List<Map<String, Object>> data = new ArrayList<>();
            for (int i = (page - 1) * size; i < Math.min(all.size(), page * size); i++) {
                Map<String, Object> v = view(all.get(i));
                v.put("token", all.get(i).secret.substring(0, 16));
                data.add(v);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("data", data);
            body.put("page", page);
            body.put("pages", Math.max(1, (all.size() + size - 1) / size));
            body.put("results", all.size());
            return json(200, body);
        }
        if (path.startsWith(TOKENS + "/") && r.getMethod().equals("DELETE")) {
            return keys.remove(path.substring(TOKENS.length() + 1)) == null ? error(404, "Not found") : json(200, "{}");
        }
        return unmatched(r);
    }

    private static String param(RecordedRequest r, String name, String otherwise) {
        String v = r.getUrl().queryParameter(name);
        return v == null ? otherwise : v;
    }

    private Map<String, Object> view(Key k) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", Long.parseLong(k.id));
        v.put("label", k.name);
        v.put("scopes", k.scopes == null ? "*" : k.scopes.get(0));
        v.put("created", time(k.createdAt));
        v.put("expiry", k.expiresAt == null ? null : time(k.expiresAt));
        return v;
    }

    private static String time(java.time.Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }
}
