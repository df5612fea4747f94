package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * GitLab's access tokens, as gitlabhq/gitlabhq documents them in doc/api/:
 * <ul>
 *   <li>personal access tokens ({@code personal_access_tokens.md}): listed, read, rotated and revoked at
 *       {@code /api/v4/personal_access_tokens[/:id]}; created only by an administrator through the user tokens
 *       API ({@code user_tokens.md}, {@code POST /users/:user_id/personal_access_tokens}, self-managed only);</li>
 *   <li>project and group access tokens ({@code project_access_tokens.md}, {@code group_access_tokens.md}) at
 *       {@code /api/v4/projects/:id/access_tokens} and {@code /api/v4/groups/:id/access_tokens};</li>
 *   <li>rotation ("Rotate a personal access token"): revokes the token and makes a new one with a new id; without
 *       {@code expires_at} the new token "expires after one week";</li>
 *   <li>automatic reuse detection: the old and new tokens form a token family, and rotating a token "that was
 *       already revoked" answers 401 and revokes "any active tokens from the same token family";</li>
 *   <li>reading a token by id finds revoked ones too ({@code revoked: true, active: false}); lists filter by
 *       {@code state=active|inactive} and page with {@code X-Next-Page};</li>
 *   <li>validation errors are objects by field: {@code {"message":{"name":["can't be blank"]}}};</li>
 *   <li>"Self-inform" and "Self-rotate" ({@code GET /personal_access_tokens/self},
 *       {@code POST /personal_access_tokens/self/rotate}, and for project and group tokens
 *       {@code POST /projects|groups/:id/access_tokens/self/rotate}, lib/api/resource_access_tokens/self_rotation.rb):
 *       the token is its own credential;</li>
 *   <li>non-administrators "can only" list, read, rotate and revoke "their own tokens";</li>
 *   <li>a revoked token that authenticates a rotation request ({@code access_tokens/(\d+|self)/rotate}) revokes its
 *       family; any other request with it is only refused with 401 (lib/gitlab/auth/auth_finders.rb,
 *       {@code revoke_token_family} and {@code access_token_rotation_request?}).</li>
 * </ul>
 */
public final class GitLabFake extends FakeApi {
    private static final Pattern USER_CREATE = Pattern.compile("/api/v4/users/(\\d+)/personal_access_tokens");
    private static final Pattern PAT = Pattern.compile("/api/v4/personal_access_tokens/(\\d+|self)(/rotate)?");
    private static final Pattern OWNED = Pattern.compile("/api/v4/(projects|groups)/([^/]+)/access_tokens(?:/(\\d+|self)(/rotate)?)?");
    private static final Pattern ROTATION_REQUEST = Pattern.compile("access_tokens/(\\d+|self)/rotate$");
    private final String adminToken;
    /** Revoked tokens by id: still readable, and rotating one is reuse. */
    public final Map<String, Key> revoked = Collections.synchronizedMap(new LinkedHashMap<>());
    /** How many times reuse detection revoked a token family. */
    public int familyRevocations;
    private Supplier<Instant> clock = () -> now;

    public GitLabFake(String adminToken) {
        super("/", "/api/v4/personal_access_tokens", "/token");
        this.adminToken = adminToken;
    }

    /** Stamps tokens with the real time, for tests of a real apikey process (whose clock is the real one). */
    public GitLabFake withRealClock() {
        clock = Instant::now;
        return this;
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

    /** The next create is refused as GitLab refuses an invalid token: a 400 whose message is an object by field. */
    public GitLabFake invalidNextCreate(String field, String problem) {
        failWith("POST", "access_tokens", 1, () -> json(400, Map.of("message", Map.of(field, List.of(problem)))));
        return this;
    }

    /** A token made in GitLab's web UI (for import), created {@code daysAgo} days ago and living {@code lifetimeDays}. */
    public Key personalToken(String name, int daysAgo, int lifetimeDays) {
        Key k = new Key(newId(), name, randomSecret("glpat-", 20), now.minusSeconds(86400L * daysAgo));
        k.expiresAt = k.createdAt.plusSeconds(86400L * lifetimeDays);
        k.scopes = List.of("api");
        k.extra.put("user_id", "42");
        k.extra.put("family", k.id);
        keys.put(k.id, k);
        return k;
    }

    /** The live tokens of one family: the token a chain of rotations started from, and its successors. */
    public List<Key> liveFamily(String family) {
        return keyList().stream().filter(k -> family.equals(k.extra.get("family"))).toList();
    }

    @Override
    protected MockResponse handle(RecordedRequest r) {
        String token = r.getHeaders().get("PRIVATE-TOKEN");
        String path = r.getUrl().encodedPath();
        if (!PAT.matcher(path).matches() && !OWNED.matcher(path).matches() && !USER_CREATE.matcher(path).matches()
                && !path.equals("/api/v4/personal_access_tokens")) {
            return unmatched(r); // a route this fake does not know fails the test, whatever the token
        }
        Key caller = token == null ? null : keyBySecret(token);
        if (caller == null && token != null && !adminToken.equals(token)) {
            Key dead = revokedBySecret(token);
            if (dead != null && ROTATION_REQUEST.matcher(path).find()) {
                revokeFamily(dead.extra.getOrDefault("family", dead.id));
            }
            return error(401, "Unauthorized");
        }
        Matcher m;
        if ((m = PAT.matcher(path)).matches() && m.group(1).equals("self")) {
            // "Self-inform" and "Self-rotate": the token is its own credential.
            if (caller == null) {
                return error(401, "Unauthorized");
            }
            if (m.group(2) == null) {
                return r.getMethod().equals("GET") ? json(200, view(caller)) : unmatched(r);
            }
            return r.getMethod().equals("POST") ? rotate(r, caller) : unmatched(r);
        }
        if ((m = OWNED.matcher(path)).matches() && "self".equals(m.group(3))) {
            // A project or group token rotating itself, at its own project or group.
            String kind = m.group(1).equals("projects") ? "project" : "group";
            String owner = java.net.URLDecoder.decode(m.group(2), java.nio.charset.StandardCharsets.UTF_8);
            if (caller == null || !owner.equals(caller.extra.get(kind))) {
                return error(401, "Unauthorized");
            }
            return m.group(4) != null && r.getMethod().equals("POST") ? rotate(r, caller) : unmatched(r);
        }
        boolean admin = adminToken.equals(token);
        // A user's own personal token may manage that user's personal tokens, nothing else.
        String user = admin || caller == null ? null : caller.extra.get("user_id");
        if (!admin && (user == null || !PAT.matcher(path).matches() && !path.equals("/api/v4/personal_access_tokens"))) {
            return error(401, "Unauthorized");
        }
        if ((m = USER_CREATE.matcher(path)).matches() && r.getMethod().equals("POST")) {
            return create(r, Map.of("user_id", m.group(1)));
        }
        if (path.equals("/api/v4/personal_access_tokens") && r.getMethod().equals("GET")) {
            String asked = r.getUrl().queryParameter("user_id");
            if (user != null && asked != null && !asked.equals(user)) {
                return error(401, "Unauthorized");
            }
            String whose = user != null ? user : asked;
            return page(r, t -> t.extra.containsKey("user_id") && (whose == null || whose.equals(t.extra.get("user_id"))));
        }
        if ((m = PAT.matcher(path)).matches()) {
            return one(r, m.group(1), m.group(2) != null, "user_id", user);
        }
        if ((m = OWNED.matcher(path)).matches()) {
            String kind = m.group(1).equals("projects") ? "project" : "group";
            String owner = java.net.URLDecoder.decode(m.group(2), java.nio.charset.StandardCharsets.UTF_8);
            if (m.group(3) == null && r.getMethod().equals("POST")) {
                return create(r, Map.of(kind, owner, "access_level", String.valueOf(body(r).path("access_level").asInt(40))));
            }
            if (m.group(3) == null && r.getMethod().equals("GET")) {
                return page(r, t -> owner.equals(t.extra.get(kind)));
            }
            return one(r, m.group(3), m.group(4) != null, kind, owner);
        }
        return unmatched(r);
    }

    private MockResponse create(RecordedRequest r, Map<String, String> owner) {
        JsonNode body = body(r);
        if (!body.has("name") || !body.path("scopes").isArray()) {
            return json(400, "{\"error\":\"name, scopes are missing\"}");
        }
        if (body.get("name").asText().isBlank() || body.get("scopes").isEmpty()) {
            Map<String, List<String>> invalid = new LinkedHashMap<>();
            if (body.get("name").asText().isBlank()) {
                invalid.put("name", List.of("can't be blank"));
            }
            if (body.get("scopes").isEmpty()) {
                invalid.put("scopes", List.of("can't be blank"));
            }
            return json(400, Map.of("message", invalid));
        }
        Key k = new Key(newId(), body.get("name").asText(), randomSecret("glpat-", 20), clock.get());
        k.description = body.path("description").asText(null);
        k.scopes = new ArrayList<>();
        body.get("scopes").forEach(s -> k.scopes.add(s.asText()));
        k.expiresAt = body.hasNonNull("expires_at") ? date(body.get("expires_at").asText()) : now.plusSeconds(365L * 86400);
        k.extra.putAll(owner);
        k.extra.put("family", k.id);
        keys.put(k.id, k);
        Map<String, Object> v = view(k);
        v.put("token", k.secret);
        return json(201, v);
    }

    /** Finds a token, live or revoked, of this owner. */
    private Key find(String id, String kind, String owner) {
        Key k = keys.containsKey(id) ? keys.get(id) : revoked.get(id);
        if (k == null || owner != null && !owner.equals(k.extra.get(kind)) || owner == null && !k.extra.containsKey(kind)) {
            return null;
        }
        return k;
    }

    private MockResponse one(RecordedRequest r, String id, boolean rotate, String kind, String owner) {
        Key k = find(id, kind, owner);
        if (k == null) {
            return error(404, "Not found");
        }
        if (rotate && r.getMethod().equals("POST")) {
            return rotate(r, k);
        }
        if (rotate) {
            return unmatched(r);
        }
        if (r.getMethod().equals("DELETE")) {
            if (revoked.containsKey(id)) {
                return error(400, "Bad Request");
            }
            keys.remove(id);
            revoked.put(id, k);
            return noContent();
        }
        if (r.getMethod().equals("GET")) {
            return json(200, view(k));
        }
        return unmatched(r);
    }

    private MockResponse rotate(RecordedRequest r, Key k) {
        String family = k.extra.getOrDefault("family", k.id);
        if (revoked.containsKey(k.id)) {
            revokeFamily(family);
            return error(401, "Unauthorized");
        }
        JsonNode body = body(r);
        keys.remove(k.id);
        revoked.put(k.id, k);
        Instant at = clock.get();
        Key next = new Key(newId(), k.name, randomSecret("glpat-", 20), at);
        next.description = k.description;
        next.scopes = k.scopes;
        next.extra.putAll(k.extra);
        next.extra.put("family", family);
        // Without expires_at, "a new token that expires after one week".
        next.expiresAt = body.hasNonNull("expires_at") ? date(body.get("expires_at").asText()) : at.plusSeconds(7L * 86400);
        keys.put(next.id, next);
        Map<String, Object> v = view(next);
        v.put("token", next.secret);
        return json(200, v);
    }

    /** Automatic reuse detection: a revoked token may have been stolen, so its whole family goes. */
    private void revokeFamily(String family) {
        for (Key live : liveFamily(family)) {
            keys.remove(live.id);
            revoked.put(live.id, live);
        }
        familyRevocations++;
    }

    private Key revokedBySecret(String secret) {
        synchronized (revoked) {
            return revoked.values().stream().filter(k -> k.secret.equals(secret)).findFirst().orElse(null);
        }
    }

    private static Instant date(String text) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private MockResponse page(RecordedRequest r, java.util.function.Predicate<Key> owned) {
        String state = r.getUrl().queryParameter("state");
        List<Key> all = new ArrayList<>();
        if (!"inactive".equals(state)) {
            all.addAll(keyList());
        }
        if (!"active".equals(state)) {
            synchronized (revoked) {
                all.addAll(revoked.values());
            }
        }
        all = all.stream().filter(owned).toList();
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
        boolean live = keys.containsKey(k.id);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", Integer.parseInt(k.id));
        v.put("name", k.name);
        v.put("revoked", !live);
        v.put("created_at", k.createdAt.toString());
        v.put("description", k.description);
        v.put("scopes", k.scopes == null ? List.of("api") : k.scopes);
        v.put("user_id", 42);
        v.put("active", live);
        v.put("expires_at", k.expiresAt == null ? null : k.expiresAt.atOffset(ZoneOffset.UTC).toLocalDate().toString());
        if (k.extra.containsKey("access_level")) {
            v.put("access_level", Integer.parseInt(k.extra.get("access_level")));
        }
        return v;
    }

    @Override
    public void seed(int count) {
        super.seed(count);
        keyList().forEach(k -> {
            k.extra.putIfAbsent("user_id", "42");
            k.extra.putIfAbsent("family", k.id);
        });
    }
}
