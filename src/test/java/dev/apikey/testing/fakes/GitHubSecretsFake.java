package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * GitHub's Actions secrets API as its REST reference documents it (docs.github.com/en/rest/actions/secrets,
 * github/rest-api-description: actions/get-repo-public-key, actions/create-or-update-repo-secret,
 * actions/get-environment-public-key, actions/create-or-update-environment-secret,
 * actions/get-org-public-key, actions/get-org-secret, actions/create-or-update-org-secret):
 * <ul>
 *   <li>{@code GET …/secrets/public-key} → 200 {@code {key_id, key}} (a base64 X25519 public key);</li>
 *   <li>{@code PUT …/secrets/{name}} with {@code {encrypted_value, key_id}} (organisations: and a required
 *       {@code visibility} of {@code all|private|selected}) → 201 created, 204 updated;</li>
 *   <li>{@code GET /orgs/{org}/actions/secrets/{name}} → 200 {@code {name, created_at, updated_at, visibility}} or 404;</li>
 *   <li>{@code Authorization: Bearer TOKEN}; a wrong token → 401 "Bad credentials"; an unknown repository,
 *       environment or organisation → 404 "Not Found". Secret names are case-insensitive (kept upper-case).</li>
 * </ul>
 * Each scope has its own key pair, which {@link #rotatePublicKey} replaces; a {@code PUT} with a {@code key_id}
 * that is not the current one is refused (422) — the reference leaves that answer unsaid, so the fake
 * is stricter than GitHub may be.
 */
public final class GitHubSecretsFake extends StrictFake {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String DOCS = "https://docs.github.com/rest";
    private static final Pattern PATH = Pattern.compile(
            "/(?:repos/([^/]+)/([^/]+)/(?:actions|environments/([^/]+))|orgs/([^/]+)/actions)/secrets/([^/]+)");

    /** One scope's key pair and secrets. */
    public static final class Scope {
        public String keyId;
        public byte[] privateKey;
        public String publicKey;
        public final Map<String, Stored> secrets = new ConcurrentHashMap<>();

        Scope(long keyId) {
            newKey(keyId);
        }

        void newKey(long id) {
            privateKey = new byte[32];
            X25519.generatePrivateKey(RANDOM, privateKey);
            byte[] pk = new byte[32];
            X25519.generatePublicKey(privateKey, 0, pk, 0);
            publicKey = Base64.getEncoder().encodeToString(pk);
            keyId = Long.toString(id);
        }

        /** The private key as libsodium takes it (raw 32 bytes), base64. */
        public String privateKeyBase64() {
            return Base64.getEncoder().encodeToString(privateKey);
        }
    }

    /** A stored secret: what GitHub keeps (the sealed value and the key it was sealed for). */
    public record Stored(String encryptedValue, String keyId, String visibility, Instant createdAt, Instant updatedAt) {
    }

    private final String token;
    private final Map<String, Scope> scopes = new ConcurrentHashMap<>();
    private final AtomicLong keyIds = new AtomicLong(568250167242549743L);
    private final Instant now = Instant.parse("2026-01-15T10:00:00Z");

    public GitHubSecretsFake(String token) {
        this.token = token;
    }

    /** A repository ({@code owner/repo}), an environment ({@code owner/repo@env}) or an organisation ({@code org:ORG}). */
    public Scope addScope(String scope) {
        return scopes.computeIfAbsent(scope, s -> new Scope(keyIds.incrementAndGet()));
    }

    public Scope scope(String scope) {
        return scopes.get(scope);
    }

    public void rotatePublicKey(String scope) {
        scopes.get(scope).newKey(keyIds.incrementAndGet());
    }

    /** An organisation secret made in GitHub's UI, with a visibility. */
    public void seedOrgSecret(String org, String name, String visibility) {
        addScope("org:" + org).secrets.put(name, new Stored("c2VhbGVk", "0", visibility, now, now));
    }

    @Override
    protected MockResponse handle(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        boolean publicKey = path.endsWith("/secrets/public-key");
        Matcher m = PATH.matcher(publicKey ? path.replace("/public-key", "/public-key") : path);
        if (!m.matches()) {
            return null;
        }
        if (!"application/vnd.github+json".equals(r.getHeaders().get("Accept"))
                || !"2022-11-28".equals(r.getHeaders().get("X-GitHub-Api-Version"))) {
            return null;
        }
        if (!("Bearer " + token).equals(r.getHeaders().get("Authorization"))) {
            return error(401, "Bad credentials");
        }
        String scopeName = m.group(4) != null ? "org:" + m.group(4)
                : m.group(1) + "/" + m.group(2) + (m.group(3) == null ? "" : "@" + decode(m.group(3)));
        Scope scope = scopes.get(scopeName);
        if (scope == null) {
            return error(404, "Not Found");
        }
        boolean org = m.group(4) != null;
        if (publicKey) {
            if (!r.getMethod().equals("GET") || bodyText(r).length() > 0) {
                return null;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("key_id", scope.keyId);
            body.put("key", scope.publicKey);
            return respond(200, body);
        }
        String name = decode(m.group(5)).toUpperCase(java.util.Locale.ROOT);
        switch (r.getMethod()) {
            case "GET" -> {
                if (!org || bodyText(r).length() > 0) {
                    return null;
                }
                Stored s = scope.secrets.get(name);
                if (s == null) {
                    return error(404, "Not Found");
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", name);
                body.put("created_at", s.createdAt().toString());
                body.put("updated_at", s.updatedAt().toString());
                body.put("visibility", s.visibility());
                if (s.visibility().equals("selected")) {
                    body.put("selected_repositories_url", url() + "/orgs/" + m.group(4) + "/actions/secrets/" + name + "/repositories");
                }
                return respond(200, body);
            }
            case "PUT" -> {
                JsonNode body = json(r);
                Set<String> allowed = org ? Set.of("encrypted_value", "key_id", "visibility", "selected_repository_ids")
                        : Set.of("encrypted_value", "key_id");
                if (body == null || !body.path("encrypted_value").isTextual() || !body.path("key_id").isTextual()) {
                    return null;
                }
                java.util.Iterator<String> fields = body.fieldNames();
                while (fields.hasNext()) {
                    if (!allowed.contains(fields.next())) {
                        return null;
                    }
                }
                String visibility = null;
                if (org) {
                    visibility = body.path("visibility").asText("");
                    if (!Set.of("all", "private", "selected").contains(visibility)) {
                        return error(422, "Invalid request.\n\nNo subschema in \"anyOf\" matched.");
                    }
                }
                if (!body.get("key_id").asText().equals(scope.keyId)) {
                    return error(422, "Bad request - key_id does not match the current public key");
                }
                Stored before = scope.secrets.get(name);
                scope.secrets.put(name, new Stored(body.get("encrypted_value").asText(), body.get("key_id").asText(),
                        visibility, before == null ? now : before.createdAt(), now));
                return respond(before == null ? 201 : 204, before == null ? "{}" : null);
            }
            default -> {
                return null;
            }
        }
    }

    private static String decode(String segment) {
        return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static MockResponse error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("documentation_url", DOCS);
        body.put("status", Integer.toString(status));
        return respond(status, body);
    }
}
