package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * GitLab's project-level CI/CD variables API (gitlabhq doc/api/project_level_variables.md):
 * {@code PUT /api/v4/projects/:id/variables/:key} (200 with the variable; 404 "404 Variable Not Found"),
 * {@code POST /api/v4/projects/:id/variables} (201; a key taken in that scope → 400), {@code :id} a numeric id
 * or the URL-encoded path; {@code filter[environment_scope]} picks the scope; {@code PRIVATE-TOKEN} auth
 * (401 "401 Unauthorized"); an unknown project → 404 "404 Project Not Found". Masking is validated as
 * app/models/concerns/ci/maskable.rb does: {@code \A[a-zA-Z0-9_+=/@:.~-]{8,}\z}, or {@code \A\S{8,}\z} when
 * {@code raw} (unless the fake plays a GitLab that predates that), answering 400 {@code {"message":{"value":["is invalid"]}}}.
 */
public final class GitLabVariablesFake extends StrictFake {
    private static final Pattern ONE = Pattern.compile("/api/v4/projects/([^/]+)/variables/([^/]+)");
    private static final Pattern ALL = Pattern.compile("/api/v4/projects/([^/]+)/variables");
    private static final Pattern MASK = Pattern.compile("[a-zA-Z0-9_+=/@:.~-]{8,}");
    private static final Pattern MASK_RAW = Pattern.compile("\\S{8,}");
    private static final Set<String> FIELDS = Set.of("key", "value", "masked", "protected", "raw", "environment_scope",
            "variable_type", "description");

    /** A stored variable. */
    public record Variable(String key, String value, boolean masked, boolean isProtected, boolean raw, String scope) {
    }

    private final String token;
    /** Project path → its id; variables by project id, then key and scope. */
    private final Map<String, String> ids = new ConcurrentHashMap<>();
    public final Map<String, Map<String, Variable>> variables = new ConcurrentHashMap<>();
    private volatile boolean rawMaskingSupported = true;

    public GitLabVariablesFake(String token) {
        this.token = token;
    }

    public void addProject(String path, String id) {
        ids.put(path, id);
        ids.put(id, id);
        variables.putIfAbsent(id, new ConcurrentHashMap<>());
    }

    /** Plays a GitLab before raw masked variables: only the Base64 alphabet and {@code @ : . ~} mask. */
    public GitLabVariablesFake withoutRawMasking() {
        rawMaskingSupported = false;
        return this;
    }

    public Variable variable(String project, String key, String scope) {
        return variables.get(ids.get(project)).get(key + "|" + scope);
    }

    public void seed(String project, Variable v) {
        variables.get(ids.get(project)).put(v.key() + "|" + v.scope(), v);
    }

    @Override
    protected MockResponse handle(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        Matcher one = ONE.matcher(path);
        Matcher all = ALL.matcher(path);
        boolean isOne = one.matches();
        if (!isOne && !all.matches()) {
            return null;
        }
        if (!token.equals(r.getHeaders().get("PRIVATE-TOKEN"))) {
            return respond(401, Map.of("message", "401 Unauthorized"));
        }
        String id = ids.get(decode(isOne ? one.group(1) : all.group(1)));
        if (id == null) {
            return respond(404, Map.of("message", "404 Project Not Found"));
        }
        JsonNode body = json(r);
        if (body == null || !body.isObject()) {
            return null;
        }
        for (java.util.Iterator<String> f = body.fieldNames(); f.hasNext(); ) {
            if (!FIELDS.contains(f.next())) {
                return null;
            }
        }
        Map<String, Variable> vars = variables.get(id);
        if (isOne && r.getMethod().equals("PUT")) {
            String key = decode(one.group(2));
            String filter = r.getUrl().queryParameter("filter[environment_scope]");
            String scope = filter == null ? "*" : filter;
            Variable old = vars.get(key + "|" + scope);
            if (old == null) {
                return respond(404, Map.of("message", "404 Variable Not Found"));
            }
            return store(vars, merged(old, body));
        }
        if (!isOne && r.getMethod().equals("POST")) {
            if (!body.path("key").isTextual() || !body.path("value").isTextual()) {
                return respond(400, Map.of("error", "key is missing, value is missing"));
            }
            String key = body.get("key").asText();
            String scope = body.path("environment_scope").asText("*");
            if (vars.containsKey(key + "|" + scope)) {
                return respond(400, Map.of("message", Map.of("key", java.util.List.of("(" + key + ") has already been taken"))));
            }
            MockResponse stored = store(vars, merged(new Variable(key, "", false, false, false, scope), body));
            return stored.getCode() == 200 ? respond(201, view(vars.get(key + "|" + scope))) : stored;
        }
        return null;
    }

    private static Variable merged(Variable v, JsonNode b) {
        return new Variable(v.key(), b.path("value").asText(v.value()), b.path("masked").asBoolean(v.masked()),
                b.path("protected").asBoolean(v.isProtected()), b.path("raw").asBoolean(v.raw()),
                b.path("environment_scope").asText(v.scope()));
    }

    private MockResponse store(Map<String, Variable> vars, Variable v) {
        boolean rawMask = v.raw() && rawMaskingSupported;
        if (v.masked() && !(rawMask ? MASK_RAW : MASK).matcher(v.value()).matches()) {
            return respond(400, Map.of("message", Map.of("value", java.util.List.of("is invalid"))));
        }
        vars.put(v.key() + "|" + v.scope(), v);
        return respond(200, view(v));
    }

    private static Map<String, Object> view(Variable v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variable_type", "env_var");
        m.put("key", v.key());
        m.put("value", v.value());
        m.put("protected", v.isProtected());
        m.put("masked", v.masked());
        m.put("hidden", false);
        m.put("raw", v.raw());
        m.put("environment_scope", v.scope());
        m.put("description", null);
        return m;
    }

    private static String decode(String segment) {
        return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
}
