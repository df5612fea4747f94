package dev.apikey.testing.fakes;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Twilio's IAM v1 Keys: Basic auth with the account SID and auth token, form-encoded creates, RFC 2822 dates, and
 * pages linked by absolute {@code meta.next_page_url}s (twilio/twilio-oai spec/json/twilio_iam_v1.json).
 *
 * <p>Two hosts, as at Twilio: keys are managed at iam.twilio.com (this server), and used at api.twilio.com
 * ({@link #api()}), the REST API, which takes an API key as Basic {@code SK…:secret}
 * (twilio.com/docs/iam/api-keys; twilio_api_v2010.json, {@code GET /2010-04-01/Accounts/{Sid}.json}). Neither host
 * serves the other's paths.
 */
public final class TwilioFake extends FakeApi {
    public static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String KEYS = "/v1/Keys";
    private final String authToken;
    private final mockwebserver3.MockWebServer api = new mockwebserver3.MockWebServer();

    public TwilioFake(String authToken) {
        super("/", KEYS, "/secret");
        this.authToken = authToken;
        api.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return handleApi(r);
            }
        });
        try {
            api.start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The REST API's host, where keys are used (api.twilio.com). */
    public mockwebserver3.MockWebServer api() {
        return api;
    }

    private MockResponse handleApi(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        if (!path.equals("/2010-04-01/Accounts/" + ACCOUNT + ".json") || !r.getMethod().equals("GET")) {
            return unmatched(r); // the one resource of this host the tests use; any other fails the test
        }
        String auth = r.getHeaders().get("Authorization");
        String[] user = auth == null || !auth.startsWith("Basic ") ? new String[0]
                : new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8).split(":", 2);
        Key k = user.length == 2 ? keys.get(user[0]) : null;
        if (k == null || !k.secret.equals(user[1])) {
            return error(401, "Authenticate");
        }
        return json(200, Map.of("sid", ACCOUNT, "friendly_name", "My account", "status", "active"));
    }

    @Override
    public void close() {
        api.close();
        super.close();
    }

    @Override
    protected String newId() {
        return "SK" + String.format("%032x", Long.parseLong(nextId("")));
    }

    @Override
    public String errorBody(int status, String message) {
        return "{\"code\":" + (20000 + status) + ",\"message\":\"" + message + "\",\"more_info\":\"https://www.twilio.com/docs/errors/"
                + (20000 + status) + "\",\"status\":" + status + "}";
    }

    @Override
    protected MockResponse handle(RecordedRequest r) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((ACCOUNT + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(r.getHeaders().get("Authorization"))) {
            return error(401, "Authenticate");
        }
        String path = r.getUrl().encodedPath();
        if (path.equals(KEYS) && r.getMethod().equals("POST")) {
            Map<String, String> form = form(r);
            if (!ACCOUNT.equals(form.get("AccountSid"))) {
                return error(400, "Missing required parameter AccountSid in the post body");
            }
            Key k = new Key(newId(), form.getOrDefault("FriendlyName", ""), randomSecret("", 32), now);
            keys.put(k.id, k);
            Map<String, Object> v = view(k);
            v.put("secret", k.secret);
            v.put("policy", null);
            return json(201, v);
        }
        if (path.equals(KEYS) && r.getMethod().equals("GET")) {
            if (!ACCOUNT.equals(r.getUrl().queryParameter("AccountSid"))) {
                return error(400, "Missing required parameter AccountSid");
            }
            int size = Integer.parseInt(r.getUrl().queryParameter("PageSize") == null ? "50" : r.getUrl().queryParameter("PageSize"));
            int page = Integer.parseInt(r.getUrl().queryParameter("Page") == null ? "0" : r.getUrl().queryParameter("Page"));
            List<Key> all = keyList();
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = page * size; i < Math.min(all.size(), (page + 1) * size); i++) {
                out.add(view(all.get(i)));
            }
            String base = url(KEYS) + "?AccountSid=" + ACCOUNT + "&PageSize=" + size;
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("page", page);
            meta.put("page_size", size);
            meta.put("first_page_url", base + "&Page=0");
            meta.put("previous_page_url", page == 0 ? null : base + "&Page=" + (page - 1));
            meta.put("url", base + "&Page=" + page);
            meta.put("next_page_url", (page + 1) * size < all.size() ? base + "&Page=" + (page + 1) + "&PageToken=PA" + page : null);
            meta.put("key", "keys");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("keys", out);
            body.put("meta", meta);
            return json(200, body);
        }
        if (path.startsWith(KEYS + "/") && r.getMethod().equals("DELETE")) {
            return keys.remove(path.substring(KEYS.length() + 1)) == null
                    ? error(404, "The requested resource " + path + " was not found") : noContent();
        }
        return unmatched(r);
    }

    private Map<String, Object> view(Key k) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(k.createdAt.atOffset(ZoneOffset.UTC));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sid", k.id);
        v.put("friendly_name", k.name);
        v.put("date_created", date);
        v.put("date_updated", date);
        v.put("flags", List.of("rest_api", "signing"));
        return v;
    }
}
