package dev.apikey.provider.declarative;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.core.ApikeyException;
import dev.apikey.core.CredentialRejectedException;
import dev.apikey.core.NotFoundException;
import dev.apikey.core.Origin;
import dev.apikey.core.ProviderUnavailableException;
import dev.apikey.core.Secret;
import dev.apikey.core.UsageException;
import dev.apikey.http.HttpErrors;
import dev.apikey.http.Retries;
import dev.apikey.http.VerboseLog;
import dev.apikey.metadata.Json;
import dev.apikey.provider.ProviderContext;
import dev.apikey.provider.ProviderMessages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.ByteString;

/**
 * The HTTP calls of one declared provider: builds each request from its operation's templates, sends it
 * through the invocation's client (timeouts, retries of idempotent calls, the {@code -v} log), answers a
 * second-factor challenge, and turns failures into the exit codes users script against: 401/403 → 4,
 * 404 → 3, 429/5xx/no response → 6, with the provider's own error message. Response bodies are never quoted.
 */
final class Calls {
    static final MediaType JSON = MediaType.get("application/json");
    /** The scope value with the members a call {@code keep}s (not a name templates can use: it has a space). */
    static final String KEPT = "kept members";
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final int MAX_JSON_BODY = 4 * 1024 * 1024;

    private final String provider;
    private final Definition definition;
    private final String baseUrl;
    private final ProviderContext context;

    Calls(String provider, Definition definition, String baseUrl, ProviderContext context) {
        this.provider = provider;
        this.definition = definition;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.context = context;
    }

    String provider() {
        return provider;
    }

    HttpUrl baseUrl() {
        return HttpUrl.get(baseUrl);
    }

    /**
     * Sends a management call and returns its successful response (the caller closes it).
     *
     * @param purpose        what the call does, for messages ("create a key")
     * @param secretPointers where the response carries secrets, masked in the {@code -v} log
     */
    Response send(String purpose, Definition.Operation op, Scope scope, List<String> secretPointers) {
        return send(purpose, request(op, scope, secretPointers, true, Map.of()).build(), op, scope, secretPointers,
                Map.of());
    }

    /**
     * Sends a call made by a key itself ({@code self} operations): the key's own header in place of the management
     * credential, and a refusal reported as the key's, not the management credential's.
     */
    Response sendWithKey(String purpose, Definition.Operation op, Scope scope, List<String> secretPointers,
                         Map<String, String> keyHeaders) {
        return send(purpose, request(op, scope, secretPointers, false, keyHeaders).build(), op, scope, secretPointers,
                keyHeaders);
    }

    /** Sends a request for the next page of a listing: the same call at another URL, or with a range header. */
    Response sendPage(String purpose, Definition.Operation op, Scope scope, HttpUrl url, Map<String, String> headers) {
        Request.Builder b = request(op, scope, List.of(), true, headers);
        if (definition.idIsSecret()) {
            b.tag(VerboseLog.BodyRedactor.class, SecretMasking.listedIds(op.items(), op.item().id()));
        }
        return send(purpose, b.url(url).build(), op, scope, List.of(), Map.of());
    }

    /** @param keyHeaders the key's own header when the key makes the call, else empty (the management credential) */
    private Response send(String purpose, Request request, Definition.Operation op, Scope scope,
                          List<String> secretPointers, Map<String, String> keyHeaders) {
        Response response = execute(purpose, request);
        Definition.Challenge challenge = definition.challenge();
        if (challenge != null && isChallenge(response, challenge)) {
            response.close();
            Map<String, String> extra = new java.util.LinkedHashMap<>(keyHeaders);
            for (Map.Entry<String, Template> h : challenge.headers().entrySet()) {
                String v = Renderer.text(h.getValue(), scope);
                if (v != null) {
                    extra.put(h.getKey(), v);
                }
            }
            Request.Builder again = request(op, scope, secretPointers, keyHeaders.isEmpty(), extra);
            again.url(request.url());
            response = execute(purpose, again.build());
        }
        return requireSuccess(purpose, response, op, inputsOf(op), !keyHeaders.isEmpty());
    }

    /** The create-time secrets an operation sends, which a 401 may be about as much as the credential. */
    private List<Definition.Input> inputsOf(Definition.Operation op) {
        List<Definition.Input> inputs = new ArrayList<>();
        for (String ref : op.refs()) {
            if (ref.startsWith("input.") && definition.inputs().containsKey(ref.substring("input.".length()))) {
                inputs.add(definition.inputs().get(ref.substring("input.".length())));
            }
        }
        return inputs;
    }

    /** Sends a request and returns the response whatever its status; no response at all is exit 6. */
    Response execute(String purpose, Request request) {
        try {
            return context.http().send(request);
        } catch (IOException e) {
            throw HttpErrors.noResponse(provider + ": cannot " + purpose, request.url().host(), e);
        }
    }

    /**
     * Builds a request from an operation.
     *
     * @param management whether to send the management credential
     * @param extra      further headers (a challenge answer, the key's own header for verify)
     */
    Request.Builder request(Definition.Operation op, Scope scope, List<String> secretPointers, boolean management,
                            Map<String, String> extra) {
        for (Definition.Requirement r : op.requires()) {
            Object v = scope.lookup(r.value());
            if (v == null || v instanceof List<?> l && l.isEmpty() || v instanceof String s && s.isEmpty()) {
                throw r.message() == null ? missing(r.value()) : new UsageException(provider + ": " + r.message(), r.hint());
            }
        }
        Request.Builder b = new Request.Builder().url(url(op, scope));
        b.header("Accept", "application/json");
        if (management) {
            headers(b, definition.headers(), scope);
            if (definition.auth() != null) {
                for (Map.Entry<String, Template> h : definition.auth().headers().entrySet()) {
                    String v = Renderer.text(h.getValue(), scope);
                    if (v != null) {
                        // The rendered value (e.g. "Basic <base64>") is a secret of its own.
                        context.redactor().register(Secret.of(v));
                        b.header(h.getKey(), v);
                    }
                }
            }
        }
        headers(b, op.headers(), scope);
        extra.forEach(b::header);
        RequestBody body = body(op, scope);
        b.method(op.method().name(), body);
        b.tag(VerboseLog.BodyRedactor.class, SecretMasking.of(secretPointers, List.copyOf(scope.secretsUsed())));
        if (!op.retry()) {
            b.tag(Retries.NoRetry.class, Retries.NoRetry.INSTANCE);
        }
        if (definition.rateLimit() != null) {
            b.tag(Retries.ResetHeader.class,
                    new Retries.ResetHeader(definition.rateLimit().resetHeader(), definition.rateLimit().epoch()));
        }
        return b;
    }

    private void headers(Request.Builder b, Map<String, Template> headers, Scope scope) {
        for (Map.Entry<String, Template> h : headers.entrySet()) {
            String v = Renderer.text(h.getValue(), scope);
            if (v != null) {
                b.header(h.getKey(), v);
            }
        }
    }

    /** The operation's URL: the base URL, the first path whose values exist, and the query. */
    HttpUrl url(Definition.Operation op, Scope scope) {
        String path = null;
        for (Template candidate : op.path()) {
            path = Paths.render(candidate, scope);
            if (path != null) {
                break;
            }
        }
        if (path == null) {
            // Every alternative needs a value that is missing: name the first one's.
            Template first = op.path().get(0);
            for (String ref : first.refs()) {
                if (scope.lookup(ref) == null) {
                    throw missing(ref);
                }
            }
            throw new UsageException(provider + ": the call's path cannot be filled in");
        }
        HttpUrl.Builder url = HttpUrl.get(baseUrl + path).newBuilder();
        for (Map.Entry<String, Template> q : op.query().entrySet()) {
            String v = Renderer.text(q.getValue(), scope);
            if (v != null) {
                url.addQueryParameter(q.getKey(), v);
            }
        }
        return url.build();
    }

    private RequestBody body(Definition.Operation op, Scope scope) {
        if (op.body() == null) {
            return op.method().hasBody() ? RequestBody.create(ByteString.EMPTY, null) : null;
        }
        JsonNode rendered = Renderer.fill(op.body(), scope);
        if (op.keep() != null && scope.lookup(KEPT) instanceof com.fasterxml.jackson.databind.node.ObjectNode kept
                && rendered instanceof com.fasterxml.jackson.databind.node.ObjectNode own) {
            // The key's members as the provider showed them, under the call's own.
            rendered = kept.deepCopy().setAll(own);
        }
        if (op.form()) {
            FormBody.Builder form = new FormBody.Builder();
            for (Iterator<Map.Entry<String, JsonNode>> it = rendered.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> form.add(e.getKey(), Renderer.text(v, scope)));
                } else {
                    form.add(e.getKey(), Renderer.text(e.getValue(), scope));
                }
            }
            return form.build();
        }
        try {
            return RequestBody.create(ByteString.of(Json.mapper().writeValueAsBytes(rendered)), JSON);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }

    private UsageException missing(String ref) {
        if (ref.startsWith("param.")) {
            String name = ref.substring("param.".length());
            return new UsageException(provider + " needs --param " + name + "=VALUE",
                    "give it to 'apikey create' for one key, or to 'apikey provider add' for every key");
        }
        return switch (ref) {
            case "scopes" -> new UsageException(provider + " needs at least one --scope", "for example: --scope api");
            case "expiresAt" -> new UsageException(provider + " needs an expiry", "pass --expires, e.g. --expires 90d");
            case "description" -> new UsageException(provider + " needs a --description");
            default -> new UsageException(provider + " needs a value for {" + ref + "}");
        };
    }

    private static boolean isChallenge(Response response, Definition.Challenge c) {
        if (response.code() != c.status()) {
            return false;
        }
        for (String value : response.headers(c.header())) {
            for (String part : value.split(",")) {
                if (part.trim().toLowerCase(Locale.ROOT).contains(c.contains().toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns a 2xx response; closes anything else and throws what it means. */
    private Response requireSuccess(String purpose, Response response, Definition.Operation op,
                                    List<Definition.Input> inputs, boolean withKey) {
        int code = response.code();
        if (code >= 200 && code < 300) {
            return response;
        }
        String message;
        String errorCode;
        String location = response.header("Location");
        try (response) {
            JsonNode error = errorBody(response);
            message = firstText(error, definition.errorMessages());
            errorCode = firstText(error, definition.errors().code());
        }
        String status = "HTTP " + code + (message == null ? "" : ": " + message);
        String head = provider + ": cannot " + purpose + ": ";
        Definition.ErrorRule rule = ErrorRules.find(definition.errors().rules(), code, operationName(op), errorCode, message);
        if (rule != null) {
            throw ErrorRules.exception(rule, provider, head, status);
        }
        if (code == 401 || code == 403) {
            String variable = "APIKEY_ADMIN_" + dev.apikey.core.KeyRef.toVariablePart(provider);
            String credential = "check it, and store a working one with 'apikey provider login " + provider + "' (or set "
                    + variable + ")";
            if (withKey) {
                throw new CredentialRejectedException(head + "the key's own secret was refused (" + status + ")",
                        "the key must still be valid and allowed to manage itself (its scopes); or store a management "
                                + "credential with 'apikey provider login " + provider + "'");
            }
            if (inputs.isEmpty()) {
                throw new CredentialRejectedException(head + "the management credential was refused (" + status + ")", credential);
            }
            throw new CredentialRejectedException(head + "the provider refused the credentials (" + status + ")",
                    "check the " + String.join(" and the ", inputs.stream().map(i -> i.prompt() + " (" + i.env() + ")").toList())
                            + "; for the management credential, " + credential);
        }
        if (code == 404) {
            throw new NotFoundException(head + "not found (" + status + ")",
                    "check the key's id with 'apikey list " + provider + " --remote', and the provider's base URL");
        }
        if (code == 429) {
            throw new ProviderUnavailableException(head + "rate limited (" + status + ")", "try again later");
        }
        if (code >= 500) {
            throw new ProviderUnavailableException(head + "the provider failed (" + status + ")", "try again later");
        }
        if (code >= 300 && code < 400) {
            String to = location == null ? "" : " to " + originOf(location);
            throw new ProviderUnavailableException(head + "unexpected redirect (HTTP " + code + to + ")",
                    "check the provider's base URL ('apikey provider show " + provider + "')");
        }
        throw new ApikeyException(head + "the request was rejected (" + status + ")",
                "check the key's settings (--scope, --param) against the provider's documentation");
    }

    private static String originOf(String location) {
        HttpUrl u = HttpUrl.parse(location);
        return u == null ? "another address" : Origin.of(u.scheme(), u.host(), u.port()).toString();
    }

    /** Which operation of the definition a call is, for error rules. */
    private String operationName(Definition.Operation op) {
        Definition.Operations ops = definition.operations();
        boolean rotate = op == ops.rotate() || ops.rotate() != null && op == ops.rotate().self();
        return op == ops.create() ? "create" : rotate ? "rotate" : op == ops.revoke() ? "revoke"
                : op == ops.list() ? "list" : op == ops.verify() ? "verify" : null;
    }

    /** An error response's JSON, read only when the definition points into it; never quoted. */
    private JsonNode errorBody(Response response) {
        ResponseBody body = response.body();
        if (body == null || definition.errorMessages().isEmpty() && definition.errors().code().isEmpty()) {
            return null;
        }
        try {
            return Json.mapper().readTree(bounded(body, MAX_ERROR_BODY));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The provider's own text (message or code) at the first of the pointers that has one, cleaned. */
    private String firstText(JsonNode json, List<String> pointers) {
        if (json == null) {
            return null;
        }
        for (String pointer : pointers) {
            String m = text(json.at(pointer));
            if (m != null) {
                return clean(m);
            }
        }
        return null;
    }

    private static String text(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (n.isValueNode()) {
            String s = n.asText().trim();
            return s.isEmpty() ? null : s;
        }
        if (n.isObject() && !n.has("message")) {
            // Validation errors by field, as Rails APIs write them: {"name": ["can't be blank"]} → "name can't be blank".
            List<String> parts = new ArrayList<>();
            n.fields().forEachRemaining(e -> {
                String s = text(e.getValue());
                if (s != null) {
                    parts.add(e.getKey() + " " + s);
                }
            });
            return parts.isEmpty() ? null : String.join("; ", parts);
        }
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            n.forEach(e -> {
                String s = text(e.isObject() && e.has("message") ? e.get("message") : e);
                if (s != null) {
                    parts.add(s);
                }
            });
            return parts.isEmpty() ? null : String.join("; ", parts);
        }
        return null;
    }

    private String clean(String message) {
        return ProviderMessages.clean(message, context.redactor());
    }

    /** A successful response's JSON; a body that is not JSON is a provider failure, reported without quoting it. */
    JsonNode json(String purpose, Response response) {
        try (response) {
            ResponseBody body = response.body();
            byte[] bytes = body == null ? new byte[0] : bounded(body, MAX_JSON_BODY);
            if (body != null && !body.source().exhausted()) {
                throw new ProviderUnavailableException(provider + ": cannot " + purpose + ": the response is larger than "
                        + MAX_JSON_BODY / (1024 * 1024) + " MB", "the base URL may point at something else");
            }
            if (bytes.length == 0) {
                throw new ProviderUnavailableException(provider + ": cannot " + purpose + ": the response is empty",
                        "the provider may be failing; try again later");
            }
            JsonNode node = Json.mapper().readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw malformed(purpose);
            }
            return node;
        } catch (JacksonException e) {
            throw malformed(purpose);
        } catch (IOException e) {
            throw HttpErrors.noResponse(provider + ": cannot " + purpose, response.request().url().host(), e);
        }
    }

    /** At most {@code max} bytes of a body. */
    private static byte[] bounded(ResponseBody body, long max) throws IOException {
        BufferedSource source = body.source();
        source.request(max);
        return source.getBuffer().readByteArray(Math.min(source.getBuffer().size(), max));
    }

    ProviderUnavailableException malformed(String purpose) {
        return new ProviderUnavailableException(provider + ": cannot " + purpose + ": the response is not valid JSON",
                "the provider may be failing, or the base URL may point at something else ('apikey provider show "
                        + provider + "')");
    }
}
