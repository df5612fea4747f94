package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * GitLab's personal access tokens ({@code /api/v4/users/:id/personal_access_tokens}, {@code /api/v4/personal_access_tokens})
 * and project access tokens ({@code /api/v4/projects/:id/access_tokens}): numbered pages announced in
 * {@code X-Next-Page}, rotation that makes a new token id and revokes the old one.
 */
public final class GitLabFake extends FakeApi {
    private static final Pattern USER_CREATE = Pattern.compile("/api/v4/users/(\\d+)/personal_access_tokens");
    private static final Pattern PAT = Pattern.compile("/api/v4/personal_access_tokens/(\\d+)(/rotate)?");
    private static final Pattern PROJECT = Pattern.compile("/api/v4/projects/([^/]+)/access_tokens(?:/(\\d+)(/rotate)?)?");
    private final String adminToken;

    public GitLabFake(String adminToken) {
        super("/", "/api/v4/personal_access_tokens", "/token");
        this.adminToken = adminToken;
    }

    @Override
    public String createPath() {
        return "personal_access_tokens";
    }

    @Override
    public String listPath() {
        return "/api/v4/personal_access_tokens";
    }

    @Override
    protected String newId() {
        return nextId("");
    }

    @Override
    public String errorBody(int status, String message) {
        return "{\"message\":\"" + status + " " + message + "\"}";
    }

    @Override
    protected MockResponse handle(RecordedRequest r) {
        String token = r.getHeaders().get("PRIVATE-TOKEN");
        String path = r.getUrl().encodedPath();
        if (path.equals("/api/v4/personal_access_tokens/self")) {
            Key k = token == null ? null : keyBySecret(token);
            return k == null ? error(401, "Unauthorized") : json(200, view(k));
        }
        if (!adminToken.equals(token)) {
            return error(401, "Unauthorized");
        }
        Matcher m;
        if ((m = USER_CREATE.matcher(path)).matches() && r.getMethod().equals("POST")) {
            return create(r, Map.of("user_id", m.group(1)));
        }
        if (path.equals("/api/v4/personal_access_tokens") && r.getMethod().equals("GET")) {
            String user = r.getUrl().queryParameter("user_id");
            return page(r, keyList().stream().filter(k -> k.extra.containsKey("user_id")
                    && (user == null || user.equals(k.extra.get("user_id")))).toList());
        }
        if ((m = PAT.matcher(path)).matches()) {
            return one(r, m.group(1), m.group(2) != null, null);
        }
        if ((m = PROJECT.matcher(path)).matches()) {
            String project = java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
            if (m.group(2) == null && r.getMethod().equals("POST")) {
                return create(r, Map.of("project", project, "access_level", String.valueOf(body(r).path("access_level").asInt(40))));
            }
            if (m.group(2) == null && r.getMethod().equals("GET")) {
                return page(r, keyList().stream().filter(k -> project.equals(k.extra.get("project"))).toList());
            }
            return one(r, m.group(2), m.group(3) != null, project);
        }
        return unmatched(r);
    }

    private MockResponse create(RecordedRequest r, Map<String, String> owner) {
        JsonNode body = body(r);
        if (!body.hasNonNull("name") || !body.path("scopes").isArray() || body.path("scopes").isEmpty()) {
            return json(400, "{\"error\":\"name, scopes are missing\"}");
        }
        Key k = new Key(newId(), body.get("name").asText(), randomSecret("glpat-", 20), now);
        k.description = body.path("description").asText(null);
        k.scopes = new ArrayList<>();
        body.get("scopes").forEach(s -> k.scopes.add(s.asText()));
        k.expiresAt = body.hasNonNull("expires_at") ? LocalDate.parse(body.get("expires_at").asText())
                .atStartOfDay(ZoneOffset.UTC).toInstant() : now.plusSeconds(365L * 86400);
        k.extra.putAll(owner);
        keys.put(k.id, k);
        Map<String, Object> v = view(k);
        v.put("token", k.secret);
        return json(201, v);
    }

    private MockResponse one(RecordedRequest r, String id, boolean rotate, String project) {
        Key k = keys.get(id);
        if (k == null || project != null && !project.equals(k.extra.get("project"))) {
            return error(404, "Not found");
        }
        if (rotate && r.getMethod().equals("POST")) {
            JsonNode body = body(r);
            keys.remove(id);
            Key next = new Key(newId(), k.name, randomSecret("glpat-", 20), now);
            next.description = k.description;
            next.scopes = k.scopes;
            next.extra.putAll(k.extra);
            next.expiresAt = body.hasNonNull("expires_at") ? LocalDate.parse(body.get("expires_at").asText())
                    .atStartOfDay(ZoneOffset.UTC).toInstant() : now.plusSeconds(7L * 86400);
            keys.put(next.id, next);
            Map<String, Object> v = view(next);
            v.put("token", next.secret);
            return json(200, v);
        }
        if (r.getMethod().equals("DELETE")) {
            keys.remove(id);
            return noContent();
        }
        return json(200, view(k));
    }

    private MockResponse page(RecordedRequest r, List<Key> all) {
        int page = Integer.parseInt(r.getUrl().queryParameter("page") == null ? "1" : r.getUrl().queryParameter("page"));
        int perPage = Integer.parseInt(r.getUrl().queryParameter("per_page") == null ? "20" : r.getUrl().queryParameter("per_page"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = (page - 1) * perPage; i < Math.min(all.size(), page * perPage); i++) {
            out.add(view(all.get(i)));
        }
        boolean more = page * perPage < all.size();
        return new MockResponse.Builder(json(200, out))
                .setHeader("X-Page", String.valueOf(page))
                .setHeader("X-Per-Page", String.valueOf(perPage))
                .setHeader("X-Next-Page", more ? String.valueOf(page + 1) : "")
                .setHeader("X-Total", String.valueOf(all.size()))
                .build();
    }

    private Map<String, Object> view(Key k) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", Integer.parseInt(k.id));
        v.put("name", k.name);
        v.put("revoked", false);
        v.put("created_at", k.createdAt.toString());
        v.put("description", k.description);
        v.put("scopes", k.scopes == null ? List.of("api") : k.scopes);
        v.put("user_id", 42);
        v.put("active", true);
        v.put("expires_at", k.expiresAt == null ? null : k.expiresAt.atOffset(ZoneOffset.UTC).toLocalDate().toString());
        return v;
    }

    @Override
    public void seed(int count) {
        super.seed(count);
        keyList().forEach(k -> k.extra.putIfAbsent("user_id", "42"));
    }
}
