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
 *
 * <p>Two kinds of create, told apart by their body:
 * <ul>
 *   <li>granular, as npm CLI 11 sends it (npm/cli {@code lib/commands/token.js}: {@code name}, {@code password},
 *       {@code description}, {@code packages}, {@code packages_all}, {@code scopes}, {@code orgs},
 *       {@code packages_and_scopes_permission}, {@code orgs_permission}, {@code expires} in days,
 *       {@code cidr_whitelist}, {@code bypass_2fa}); permissions are {@code read-only}, {@code read-write} or
 *       {@code no-access}, and a token that can write lives at most 90 days (7 when {@code expires} is left out);</li>
 *   <li>classic ({@code readonly}, {@code cidr_whitelist}), which Verdaccio and private registries still issue and
 *       registry.npmjs.org stopped issuing in December 2025 ({@link #classicRevoked}).</li>
 * </ul>
 */
public final class NpmFake extends FakeApi {
    private static final String TOKENS = "/-/npm/v1/tokens";
    private final String sessionToken;
    private final String password;
    /** When set, creates and deletes need this one-time password in {@code npm-otp}. */
    public String otp;
    /** When set, classic creates are refused, as registry.npmjs.org refuses them since December 2025. */
    public boolean classicRevoked;
    private static final List<String> PERMISSIONS = List.of("read-only", "read-write", "no-access");

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
            if (body.has("name")) {
                return granular(body);
            }
            if (classicRevoked) {
                return error(403, "Classic tokens can no longer be created; create a granular access token");
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

    private MockResponse granular(JsonNode body) {
        String permission = body.path("packages_and_scopes_permission").asText("no-access");
        String orgsPermission = body.path("orgs_permission").asText("no-access");
        if (body.get("name").asText().isBlank()) {
            return error(400, "name is required");
        }
        if (!PERMISSIONS.contains(permission) || !PERMISSIONS.contains(orgsPermission)) {
            return error(400, "permissions must be read-only, read-write or no-access");
        }
        boolean writes = permission.equals("read-write") || orgsPermission.equals("read-write");
        if (body.has("expires") && !body.get("expires").isIntegralNumber()) {
            return error(400, "expires must be a number of days");
        }
        int days = body.has("expires") ? body.get("expires").asInt() : writes ? 7 : 30;
        if (writes && days > 90) {
            return error(400, "tokens with write access can last at most 90 days");
        }
        Key k = new Key(newId(), body.get("name").asText(), "npm_" + randomSecret("", 36), now);
        k.description = body.path("description").asText(null);
        k.expiresAt = now.plusSeconds(86400L * days);
        k.extra.put("granular", body.toString());
        keys.put(k.id, k);
        Map<String, Object> v = view(k);
        v.put("token", k.secret);
        return json(201, v);
    }

    private Map<String, Object> view(Key k) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("key", k.id);
        v.put("cidr_whitelist", List.of());
        v.put("readonly", Boolean.parseBoolean(k.extra.getOrDefault("readonly", "false")));
        v.put("created", k.createdAt.toString());
        v.put("updated", k.createdAt.toString());
        if (k.extra.containsKey("granular")) {
            v.put("name", k.name);
            v.put("description", k.description);
            v.put("expires", k.expiresAt.toString());
        }
        return v;
    }
}
