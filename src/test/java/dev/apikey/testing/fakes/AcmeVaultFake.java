package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * "Acme Vault", a key service apikey has no code for: an admin header of its own, keys used in {@code X-Api-Key},
 * lifetimes in days, and lists paged with RFC 8288 {@code Link} headers and opaque page tokens.
 */
public final class AcmeVaultFake extends FakeApi {
    private static final String KEYS = "/api/keys";
    private final String adminToken;

    public AcmeVaultFake(String adminToken) {
        super("/", KEYS, "/plaintext");
        this.adminToken = adminToken;
    }

    @Override
    protected String newId() {
        return nextId("av-");
    }

    @Override
    public String errorBody(int status, String message) {
        return "{\"error\":{\"status\":" + status + ",\"detail\":\"" + message + "\"}}";
    }

    @Override
    protected MockResponse handle(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        if (path.equals("/api/whoami")) {
            Key k = r.getHeaders().get("X-Api-Key") == null ? null : keyBySecret(r.getHeaders().get("X-Api-Key"));
            return k == null ? error(401, "unknown key") : json(200, Map.of("uid", k.id));
        }
        if (!adminToken.equals(r.getHeaders().get("X-Acme-Admin"))) {
            return error(401, "admin token required");
        }
        if (path.equals(KEYS) && r.getMethod().equals("POST")) {
            JsonNode body = body(r);
            Key k = new Key(newId(), body.path("label").asText(), randomSecret("acme_live_", 32), now);
            k.description = body.path("note").asText(null);
            k.expiresAt = now.plusSeconds(86400L * body.path("ttl_days").asLong(90));
            k.scopes = new ArrayList<>();
            body.path("permissions").forEach(p -> k.scopes.add(p.asText()));
            keys.put(k.id, k);
            return json(201, Map.of("key", view(k), "plaintext", k.secret));
        }
        if (path.equals(KEYS) && r.getMethod().equals("GET")) {
            int limit = Integer.parseInt(r.getUrl().queryParameter("limit") == null ? "10" : r.getUrl().queryParameter("limit"));
            String token = r.getUrl().queryParameter("page_token");
            int start = token == null ? 0 : Integer.parseInt(token.substring("pt".length()));
            List<Key> all = keyList();
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = start; i < Math.min(all.size(), start + limit); i++) {
                items.add(view(all.get(i)));
            }
            MockResponse.Builder b = new MockResponse.Builder(json(200, Map.of("items", items)));
            String self = "<" + KEYS + "?limit=" + limit + (token == null ? "" : "&page_token=" + token) + ">; rel=\"self\"";
            if (start + limit < all.size()) {
                b.setHeader("Link", self + ", <" + url(KEYS) + "?limit=" + limit + "&page_token=pt" + (start + limit) + ">; rel=\"next\"");
            } else {
                b.setHeader("Link", self);
            }
            return b.build();
        }
        if (path.startsWith(KEYS + "/") && r.getMethod().equals("DELETE")) {
            return keys.remove(path.substring(KEYS.length() + 1)) == null ? error(404, "no such key") : noContent();
        }
        return unmatched(r);
    }

    private Map<String, Object> view(Key k) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uid", k.id);
        v.put("label", k.name);
        v.put("note", k.description);
        v.put("created", k.createdAt.toString());
        v.put("expires", k.expiresAt == null ? null : k.expiresAt.toString());
        return v;
    }
}
