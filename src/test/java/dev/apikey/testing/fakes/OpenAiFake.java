package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * OpenAI's organization admin API keys ({@code /v1/organization/admin_api_keys}) and project service accounts
 * ({@code /v1/organization/projects/{project_id}/service_accounts}), as openai/openai-openapi (openapi.yaml,
 * operations list-, create-, delete-project-service-account) documents them:
 * <ul>
 *   <li>every call takes {@code Authorization: Bearer} with an admin key;</li>
 *   <li>creating a service account ({@code name} required) makes its API key too: the 200 answer has the account's
 *       {@code svc_acct_…} id and, in {@code api_key.value}, the unredacted key, shown only then;</li>
 *   <li>deleting the service account deletes its key; a project that does not exist is a 404;</li>
 *   <li>lists are cursor pages ({@code after} = an id, {@code limit} 1–100, default 20; {@code last_id},
 *       {@code has_more}); a service account's key may call the models API ({@code GET /v1/models}), an admin
 *       key may not.</li>
 * </ul>
 */
public final class OpenAiFake extends FakeApi {
    private static final String KEYS = "/v1/organization/admin_api_keys";
    private static final String PROJECTS = "/v1/organization/projects/";
    public static final String PROJECT = "proj_abc123";
    private final String adminKey;

    public OpenAiFake(String adminKey) {
        this(adminKey, KEYS, "/value");
    }

    private OpenAiFake(String adminKey, String keysPath, String secretPointer) {
        super("/v1", keysPath, secretPointer);
        this.adminKey = adminKey;
    }

    /** The fake seen through project service accounts: its create and list path is the project's. */
    public static OpenAiFake ofProjectServiceAccounts(String adminKey) {
        return new OpenAiFake(adminKey, PROJECTS + PROJECT + "/service_accounts", "/api_key/value");
    }

    private boolean serviceAccounts() {
        return createPath().startsWith(PROJECTS);
    }

    @Override
    protected String newId() {
        return serviceAccounts() ? nextId("svc_acct_") : nextId("key_");
    }

    @Override
    public String errorBody(int status, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}";
    }

    @Override
    protected MockResponse handle(RecordedRequest r) {
        String token = bearer(r);
        String path = r.getUrl().encodedPath();
        Key caller = keyBySecret(token);
        if (path.equals("/v1/models") && r.getMethod().equals("GET")) {
            // Model calls take a project key; an admin key is refused there.
            return caller != null && serviceAccounts() ? json(200, "{\"object\":\"list\",\"data\":[]}")
                    : error(401, "Incorrect API key provided");
        }
        // The organization's admin key, or an admin key made through the API.
        if (!token.equals(adminKey) && (caller == null || serviceAccounts())) {
            return error(401, "Incorrect API key provided");
        }
        if (path.startsWith(PROJECTS)) {
            return project(r, path);
        }
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
            return page(r, this::view);
        }
        if (path.startsWith(KEYS + "/") && r.getMethod().equals("DELETE")) {
            String id = path.substring(KEYS.length() + 1);
            if (keys.remove(id) == null) {
                return error(404, "No admin API key with id " + id);
            }
            return json(200, Map.of("id", id, "object", "organization.admin_api_key.deleted", "deleted", true));
        }
        return unmatched(r);
    }

    private MockResponse project(RecordedRequest r, String path) {
        String accounts = PROJECTS + PROJECT + "/service_accounts";
        if (!path.startsWith(accounts)) {
            return error(404, "No such project");
        }
        if (path.equals(accounts) && r.getMethod().equals("POST")) {
            JsonNode body = body(r);
            if (!body.hasNonNull("name")) {
                return error(400, "name is required");
            }
            Key k = new Key(newId(), body.get("name").asText(), randomSecret("sk-svcacct-", 48), now);
            keys.put(k.id, k);
            Map<String, Object> view = accountView(k);
            view.put("api_key", Map.of("object", "organization.project.service_account.api_key", "value", k.secret,
                    "name", "Secret Key", "created_at", k.createdAt.getEpochSecond(), "id", "key_" + k.id.substring(9)));
            return json(200, view);
        }
        if (path.equals(accounts) && r.getMethod().equals("GET")) {
            return page(r, this::accountView);
        }
        if (path.startsWith(accounts + "/") && r.getMethod().equals("DELETE")) {
            String id = path.substring(accounts.length() + 1);
            if (keys.remove(id) == null) {
                return error(404, "No service account with id " + id);
            }
            return json(200, Map.of("object", "organization.project.service_account.deleted", "id", id, "deleted", true));
        }
        return unmatched(r);
    }

    private Map<String, Object> accountView(Key k) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("object", "organization.project.service_account");
        v.put("id", k.id);
        v.put("name", k.name);
        v.put("role", "member");
        v.put("created_at", k.createdAt.getEpochSecond());
        return v;
    }

    private MockResponse page(RecordedRequest r, java.util.function.Function<Key, Map<String, Object>> view) {
        int limit = Integer.parseInt(r.getUrl().queryParameter("limit") == null ? "20" : r.getUrl().queryParameter("limit"));
        if (limit < 1 || limit > 100) {
            return error(400, "limit must be between 1 and 100");
        }
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
            data.add(view.apply(all.get(i)));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("object", "list");
        page.put("data", data);
        page.put("first_id", data.isEmpty() ? null : data.get(0).get("id"));
        page.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id"));
        page.put("has_more", start + limit < all.size());
        return json(200, page);
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
