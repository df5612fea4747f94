package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The npm registry's token API ({@code /-/npm/v1/tokens}): the account password in the create body, a one-time
 * password asked for with {@code WWW-Authenticate: OTP} when two-factor authentication is on, pages linked by
 * {@code urls.next}, and {@code /-/whoami} for a token.
 */
public final class NpmFake extends FakeApi {
    private static final String TOKENS = "/-/npm/v1/tokens";
    private final String sessionToken;
    private final String password;
    /** When set, creates and deletes need this one-time password in {@code npm-otp}. */
    public String otp;

    public NpmFake(String sessionToken, String password) {
        super("/", TOKENS, "/token");
        this.sessionToken = sessionToken;
        this.password = password;
    }

    @Override
    protected String newId() {
        return String.format("%064x", Long.parseLong(nextId("")));
    }

    @Override
    public String errorBody(int status, String message) {
        return "{\"error\":\"" + message + "\"}";
    }

    @Override
    protected MockResponse handle(RecordedRequest r) {
        String token = bearer(r);
        String path = r.getUrl().encodedPath();
        if (path.equals("/-/whoami")) {
            return keyBySecret(token) != null || token.equals(sessionToken) ? json(200, Map.of("username", "ada"))
                    : error(401, "unauthorized");
        }
        if (!token.equals(sessionToken)) {
            return error(401, "unauthorized");
        }
        boolean writes = !r.getMethod().equals("GET");
        if (writes && otp != null && !otp.equals(r.getHeaders().get("npm-otp"))) {
            return new MockResponse.Builder(error(401, "This operation requires a one-time password."))
                    .setHeader("WWW-Authenticate", "OTP").build();
        }
        if (path.equals(TOKENS) && r.getMethod().equals("POST")) {
            JsonNode body = body(r);
            if (!password.equals(body.path("password").asText())) {
                return error(401, "invalid password");
            }
            if (!body.path("readonly").isBoolean() || !body.path("cidr_whitelist").isArray()) {
                return error(400, "readonly and cidr_whitelist are required");
            }
            String id = newId();
            Key k = new Key(id, null, "npm_" + randomSecret("", 36), now);
            k.extra.put("readonly", body.get("readonly").toString());
            k.extra.put("cidr", body.get("cidr_whitelist").toString());
            keys.put(id, k);
            Map<String, Object> v = view(k);
            v.put("token", k.secret);
            return json(200, v);
        }
        if (path.equals(TOKENS) && r.getMethod().equals("GET")) {
            int perPage = Integer.parseInt(r.getUrl().queryParameter("perPage") == null ? "100" : r.getUrl().queryParameter("perPage"));
            int page = Integer.parseInt(r.getUrl().queryParameter("page") == null ? "0" : r.getUrl().queryParameter("page"));
            List<Key> all = keyList();
            List<Map<String, Object>> objects = new ArrayList<>();
            for (int i = page * perPage; i < Math.min(all.size(), (page + 1) * perPage); i++) {
                Map<String, Object> v = view(all.get(i));
                v.put("token", all.get(i).secret.substring(0, 6) + "…");
                objects.add(v);
            }
            boolean more = (page + 1) * perPage < all.size();
            return json(200, Map.of("objects", objects, "total", all.size(),
                    "urls", Map.of("next", more ? TOKENS + "?perPage=" + perPage + "&page=" + (page + 1) : "")));
        }
        if (path.startsWith(TOKENS + "/token/") && r.getMethod().equals("DELETE")) {
            return keys.remove(path.substring((TOKENS + "/token/").length())) == null ? error(404, "not found") : noContent();
        }
        return unmatched(r);
    }

    private Map<String, Object> view(Key k) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("key", k.id);
        v.put("cidr_whitelist", List.of());
        v.put("readonly", Boolean.parseBoolean(k.extra.getOrDefault("readonly", "false")));
        v.put("created", k.createdAt.toString());
        v.put("updated", k.createdAt.toString());
        return v;
    }
}
