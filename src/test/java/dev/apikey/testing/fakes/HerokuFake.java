package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Heroku's OAuth authorizations, as the Platform API reference documents them (devcenter.heroku.com/articles/
 * platform-api-reference: OAuth Authorization create, delete, list, regenerate; "Ranges"; "Clients"):
 * <ul>
 *   <li>every call takes {@code Authorization: Bearer} and {@code Accept: application/vnd.heroku+json; version=3};</li>
 *   <li>a create takes {@code scope} (required, e.g. {@code ["global"]}), {@code description} and {@code expires_in}
 *       (seconds), and answers 201 with the token in {@code access_token.token};</li>
 *   <li>{@code POST /oauth/authorizations/{id}/actions/regenerate-tokens} gives the authorization a new token, same
 *       id; the old token stops working at once (as {@code heroku authorizations:rotate} does);</li>
 *   <li>lists are ranges: the client sends {@code Range: id ..; max=N} (at most 1000); a truncated list is a 206 with
 *       {@code Next-Range}, which the client sends as the next {@code Range}; the last is a 200;</li>
 *   <li>errors are {@code {"id":"not_found","message":…}}; a token works at {@code GET /account}.</li>
 * </ul>
 */
public final class HerokuFake extends FakeApi {
    private static final String AUTHORIZATIONS = "/oauth/authorizations";
    private static final String VERSION = "application/vnd.heroku+json; version=3";
    private static final Pattern RANGE = Pattern.compile("id\\s+(?:\\]([^.\\s]+))?\\.\\.\\s*(?:;\\s*max=(\\d+))?");
    private final String token;

    public HerokuFake(String token) {
        super("/", AUTHORIZATIONS, "/access_token/token");
        this.token = token;
    }

    @Override
    protected String newId() {
        return java.util.UUID.nameUUIDFromBytes(nextId("auth").getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    @Override
    public String errorBody(int status, String message) {
        String id = switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 429 -> "rate_limit";
            default -> status >= 500 ? "internal_server_error" : "bad_request";
        };
        return "{\"id\":\"" + id + "\",\"message\":\"" + message + "\"}";
    }

    @Override
    protected MockResponse handle(RecordedRequest r) {
        String accept = r.getHeaders().get("Accept");
        if (accept == null || !accept.contains("version=3")) {
            return error(400, "Please specify a version along with Heroku's API MIME type. For example, `Accept: " + VERSION + "`.");
        }
        String bearer = bearer(r);
        String path = r.getUrl().encodedPath();
        Key caller = keyBySecret(bearer);
        if (path.equals("/account") && r.getMethod().equals("GET")) {
            return caller != null || bearer.equals(token) ? json(200, Map.of("email", "ada@example.com", "id", "user-1"))
                    : error(401, "Invalid credentials provided.");
        }
        if (!bearer.equals(token)) {
            return error(401, "Invalid credentials provided.");
        }
        if (path.equals(AUTHORIZATIONS) && r.getMethod().equals("POST")) {
            JsonNode body = body(r);
            if (!body.path("scope").isArray() || body.get("scope").isEmpty()) {
                return error(422, "Missing required params: scope");
            }
            Key k = new Key(newId(), body.path("description").asText(""), "HRKU-" + randomSecret("", 60), now);
            k.scopes = new ArrayList<>();
            body.get("scope").forEach(s -> k.scopes.add(s.asText()));
            if (body.has("expires_in")) {
                if (!body.get("expires_in").isIntegralNumber()) {
                    return error(422, "Invalid params: expires_in must be an integer");
                }
                k.expiresAt = now.plusSeconds(body.get("expires_in").asLong());
            }
            keys.put(k.id, k);
            return json(201, view(k, true));
        }
        if (path.startsWith(AUTHORIZATIONS + "/") && path.endsWith("/actions/regenerate-tokens") && r.getMethod().equals("POST")) {
            String id = path.substring(AUTHORIZATIONS.length() + 1, path.length() - "/actions/regenerate-tokens".length());
            Key k = keys.get(id);
            if (k == null) {
                return error(404, "Couldn't find that authorization.");
            }
            k.secret = "HRKU-" + randomSecret("", 60);
            return json(200, view(k, true));
        }
        if (path.equals(AUTHORIZATIONS) && r.getMethod().equals("GET")) {
            return range(r);
        }
        String id = path.startsWith(AUTHORIZATIONS + "/") ? path.substring(AUTHORIZATIONS.length() + 1) : null;
        if (id != null && !id.contains("/") && r.getMethod().equals("DELETE")) {
            Key k = keys.remove(id);
            return k == null ? error(404, "Couldn't find that authorization.") : json(200, view(k, false));
        }
        return unmatched(r);
    }

    /** A list range, sorted by id as Heroku's default range is. */
    private MockResponse range(RecordedRequest r) {
        String header = r.getHeaders().get("Range");
        String after = null;
        int max = 200;
        if (header != null) {
            Matcher m = RANGE.matcher(header.trim());
            if (!m.matches()) {
                return error(400, "Invalid range header");
            }
            after = m.group(1);
            if (m.group(2) != null) {
                max = Integer.parseInt(m.group(2));
            }
            if (max > 1000) {
                return error(400, "Range max may not exceed 1000");
            }
        }
        List<Key> sorted = keyList().stream().sorted(java.util.Comparator.comparing((Key k) -> k.id)).toList();
        List<Map<String, Object>> page = new ArrayList<>();
        Key last = null;
        for (Key k : sorted) {
            if (after != null && k.id.compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == max) {
                break;
            }
            page.add(view(k, false));
            last = k;
        }
        boolean more = last != null && sorted.indexOf(last) < sorted.size() - 1;
        MockResponse.Builder b = new MockResponse.Builder().code(more ? 206 : 200)
                .setHeader("Content-Type", "application/json");
        if (more) {
            b.setHeader("Next-Range", "id ]" + last.id + "..; max=" + max);
        }
        try {
            return b.body(dev.apikey.metadata.Json.mapper().writeValueAsString(page)).build();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> view(Key k, boolean withToken) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("expires_in", k.expiresAt == null ? null : k.expiresAt.getEpochSecond() - now.getEpochSecond());
        token.put("id", k.id + "-token");
        token.put("token", withToken ? k.secret : null);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("access_token", token);
        v.put("client", null);
        v.put("created_at", k.createdAt.toString());
        v.put("description", k.name);
        v.put("grant", null);
        v.put("id", k.id);
        v.put("refresh_token", null);
        v.put("scope", k.scopes == null ? List.of("global") : k.scopes);
        v.put("updated_at", k.createdAt.toString());
        v.put("user", Map.of("id", "user-1", "email", "ada@example.com", "full_name", "Ada"));
        return v;
    }
}
