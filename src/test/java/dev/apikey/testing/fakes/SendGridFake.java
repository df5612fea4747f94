package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * SendGrid's {@code /v3/api_keys}: one unpaged list, {@code on-behalf-of} for subusers, {@code /v3/scopes} for a key.
 * As the API reference says (docs.sendgrid.com/api-reference/api-keys/create-api-keys; twilio/sendgrid-oai
 * tsg_api_keys_v3.json): "There is a limit of 100 API Keys on your account … If the number of maximum keys, 100, is
 * reached, a 403 status will be returned", and "omitting the scopes field from your request will create a key with
 * Full Access permissions by default". The reference gives the cap's status but not its wording, so the message
 * here is the fake's own, and apikey must not depend on it.
 */
public final class SendGridFake extends FakeApi {
    private static final String KEYS = "/v3/api_keys";
    public static final int CAP = 100;
    private final String adminKey;

    public SendGridFake(String adminKey) {
        super("/", KEYS, "/api_key");
        this.adminKey = adminKey;
    }

    @Override
    protected String newId() {
        return nextId("sgid") + "Xq";
    }

    @Override
    public String errorBody(int status, String message) {
        return "{\"errors\":[{\"field\":null,\"message\":\"" + message + "\"}]}";
    }

    @Override
    protected MockResponse handle(RecordedRequest r) {
        String token = bearer(r);
        String path = r.getUrl().encodedPath();
        if (path.equals("/v3/scopes")) {
            Key k = keyBySecret(token);
            return k == null && !token.equals(adminKey) ? error(401, "authorization required")
                    : json(200, Map.of("scopes", k == null || k.scopes == null ? List.of("mail.send") : k.scopes));
        }
        if (!token.equals(adminKey)) {
            return error(401, "authorization required");
        }
        if (path.equals(KEYS) && r.getMethod().equals("POST")) {
            JsonNode body = body(r);
            if (!body.hasNonNull("name")) {
                return error(400, "missing required argument name");
            }
            if (keys.size() >= CAP) {
                return error(403, "cannot create more than " + CAP + " keys");
            }
            String id = newId();
            Key k = new Key(id, body.get("name").asText(), "SG." + id + "." + randomSecret("", 43), now);
            k.scopes = new ArrayList<>();
            body.path("scopes").forEach(s -> k.scopes.add(s.asText()));
            if (!body.has("scopes")) {
                k.extra.put("access", "full");
            }
            String onBehalfOf = r.getHeaders().get("on-behalf-of");
            if (onBehalfOf != null) {
                k.extra.put("subuser", onBehalfOf);
            }
            keys.put(k.id, k);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("api_key", k.secret);
            v.put("api_key_id", k.id);
            v.put("name", k.name);
            v.put("scopes", k.scopes);
            return json(201, v);
        }
        if (path.equals(KEYS) && r.getMethod().equals("GET")) {
            List<Map<String, Object>> result = new ArrayList<>();
            keyList().forEach(k -> result.add(Map.of("name", k.name, "api_key_id", k.id)));
            return json(200, Map.of("result", result));
        }
        if (path.startsWith(KEYS + "/") && r.getMethod().equals("DELETE")) {
            return keys.remove(path.substring(KEYS.length() + 1)) == null ? error(404, "unable to find API Key") : noContent();
        }
        return unmatched(r);
    }
}
