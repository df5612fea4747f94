package dev.apikey.target;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.core.Destination;
import dev.apikey.core.ProviderUnavailableException;
import dev.apikey.core.Redactor;
import dev.apikey.core.Secret;
import dev.apikey.core.UsageException;
import dev.apikey.http.HttpClients;
import dev.apikey.http.VerboseLog;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * GitHub Actions secrets, as GitHub's REST API reference describes them
 * (docs.github.com/en/rest/actions/secrets): {@code github:OWNER/REPO} (repository secret),
 * {@code github:OWNER/REPO@ENV} (environment secret), {@code github-org:ORG} (organisation secret).
 * Each write fetches the scope's public key ({@code GET …/secrets/public-key} → {@code key_id}, {@code key}),
 * seals the secret for it (libsodium sealed box) so the value never leaves the machine in the clear,
 * and sends {@code PUT …/secrets/{name}} with {@code encrypted_value} and {@code key_id} (201 created,
 * 204 updated). An organisation secret keeps its visibility ({@code GET} first); a new one is {@code private}.
 * Token scopes: a fine-grained token with "Secrets" (repository), "Environments" or organisation
 * "Secrets" read and write; a classic token with {@code repo} ({@code admin:org} for organisations).
 */
final class GitHubSecrets implements Destination {
    static final String REPO_PREFIX = "github:";
    static final String ORG_PREFIX = "github-org:";
    /** GitHub: alphanumerics and underscores, not starting with a digit or GITHUB_. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern ENVIRONMENT = Pattern.compile("[^/\\p{Cntrl}]{1,255}");
    private static final String API_VERSION = "2022-11-28";
    /** {@code -v} shows the public key exchange without the key itself. */
    private static final VerboseLog.BodyRedactor PUBLIC_KEY_HIDDEN =
            body -> body.replaceAll("(\"key\"\\s*:\\s*\")[^\"]*\"", "$1***\"");

    private final String owner;
    private final String repo;
    private final String environment;
    private final Supplier<TargetHost> host;
    private final HttpClients http;
    private final Redactor redactor;
    private final SecureRandom random;

    /** @param repo null for an organisation secret; @param environment null unless an environment secret */
    private GitHubSecrets(String owner, String repo, String environment, Supplier<TargetHost> host, HttpClients http,
                          Redactor redactor, SecureRandom random) {
        this.owner = owner;
        this.repo = repo;
        this.environment = environment;
        this.host = host;
        this.http = http;
        this.redactor = redactor;
        this.random = random;
    }

    /** Parses {@code github:OWNER/REPO[@ENV]} or {@code github-org:ORG}. */
    static GitHubSecrets parse(String dest, Supplier<TargetHost> host, HttpClients http, Redactor redactor,
                               SecureRandom random) {
        if (dest.startsWith(ORG_PREFIX)) {
            String org = dest.substring(ORG_PREFIX.length());
            if (!OWNER.matcher(org).matches()) {
                throw new UsageException("'" + org + "' is not a GitHub organisation name", "github-org:ORG");
            }
            return new GitHubSecrets(org, null, null, host, http, redactor, random);
        }
        String rest = dest.substring(REPO_PREFIX.length());
        String env = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            env = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!ENVIRONMENT.matcher(env).matches()) {
                throw new UsageException("'" + env + "' is not a GitHub environment name", "github:OWNER/REPO@ENV");
            }
        }
        int slash = rest.indexOf('/');
        if (slash < 0 || !OWNER.matcher(rest.substring(0, slash)).matches()
                || !REPO.matcher(rest.substring(slash + 1)).matches()) {
            throw new UsageException("'" + dest + "' is not a GitHub repository", "github:OWNER/REPO or github:OWNER/REPO@ENV");
        }
        return new GitHubSecrets(rest.substring(0, slash), rest.substring(slash + 1), env, host, http, redactor, random);
    }

    @Override
    public String describe() {
        return repo == null ? ORG_PREFIX + owner : REPO_PREFIX + owner + "/" + repo + (environment == null ? "" : "@" + environment);
    }

    @Override
    public void checkName(String name) {
        if (!NAME.matcher(name).matches() || name.toUpperCase(Locale.ROOT).startsWith("GITHUB_")) {
            throw new UsageException("'" + name + "' cannot be a GitHub secret name",
                    "letters, digits and '_', not starting with a digit or GITHUB_");
        }
    }

    private String what() {
        return repo == null ? "GitHub organisation " + owner
                : environment == null ? "GitHub repository " + owner + "/" + repo
                : "environment " + environment + " of GitHub repository " + owner + "/" + repo;
    }

    /** {@code …/actions/secrets}, {@code …/environments/ENV/secrets} or {@code /orgs/ORG/actions/secrets}. */
    private HttpUrl.Builder secrets(TargetHost h) {
        HttpUrl.Builder b = HostCalls.url(h.baseUrl()).newBuilder();
        if (repo == null) {
            return b.addPathSegment("orgs").addPathSegment(owner).addPathSegment("actions").addPathSegment("secrets");
        }
        b.addPathSegment("repos").addPathSegment(owner).addPathSegment(repo);
        return environment == null ? b.addPathSegment("actions").addPathSegment("secrets")
                : b.addPathSegment("environments").addPathSegment(environment).addPathSegment("secrets");
    }

    private Request.Builder request(TargetHost h, HttpUrl url) {
        return new Request.Builder().url(url)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("Authorization", "Bearer " + h.credential().get().reveal());
    }

    @Override
    public void write(String name, Secret secret) {
        checkName(name);
        TargetHost h = host.get();
        HostCalls calls = new HostCalls(http, what());
        JsonNode publicKey = calls.send(request(h, secrets(h).addPathSegment("public-key").build()).get()
                .tag(VerboseLog.BodyRedactor.class, PUBLIC_KEY_HIDDEN).build(), 200).body();
        String keyId = publicKey.path("key_id").asText("");
        String key = publicKey.path("key").asText("");
        byte[] keyBytes;
        try {
            keyBytes = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            keyBytes = new byte[0];
        }
        if (keyId.isEmpty() || keyBytes.length != SealedBox.KEY_BYTES) {
            throw new ProviderUnavailableException(what() + " answered with no usable public key (key_id and a 32-byte key)");
        }
        redactor.register(Secret.of(key)); // -v shows neither the key exchange nor the sealed value
        String sealed = Base64.getEncoder().encodeToString(
                SealedBox.seal(secret.reveal().getBytes(StandardCharsets.UTF_8), keyBytes, random));
        redactor.register(Secret.of(sealed));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("encrypted_value", sealed);
        body.put("key_id", keyId);
        HttpUrl secretUrl = secrets(h).addPathSegment(name).build();
        if (repo == null) {
            body.put("visibility", currentVisibility(h, calls, secretUrl));
        }
        calls.send(request(h, secretUrl).put(HostCalls.json(body)).build(), 201, 204);
    }

    /** An organisation secret's visibility as it is ({@code all}, {@code private}, {@code selected}), {@code private} for a new one. */
    private String currentVisibility(TargetHost h, HostCalls calls, HttpUrl secretUrl) {
        HostCalls.Answer existing = calls.send(request(h, secretUrl).get().build(), 200, 404);
        if (existing.status() == 404) {
            return "private";
        }
        String visibility = existing.body().path("visibility").asText("");
        if (!Set.of("all", "private", "selected").contains(visibility)) {
            throw new ProviderUnavailableException(what() + " answered with an unknown visibility for the secret");
        }
        // 'selected' goes without selected_repository_ids (as gh sends it): the repositories are managed by
        // their own endpoints ('Set selected repositories for an organization secret') and are not replaced here.
        return visibility;
    }
}
