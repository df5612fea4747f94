package dev.apikey.target;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.core.ApikeyException;
import dev.apikey.core.CredentialRejectedException;
import dev.apikey.core.NotFoundException;
import dev.apikey.core.ProviderUnavailableException;
import dev.apikey.core.UsageException;
import dev.apikey.http.HttpClients;
import dev.apikey.http.HttpErrors;
import dev.apikey.metadata.Json;
import java.io.IOException;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * JSON calls to a destination's API with the invocation's HTTP client (timeouts, retries of idempotent
 * calls, proxies, the redacting {@code -v} log), and its answers as typed failures: 401/403 →
 * credential refused (exit 4), 404 → not found (exit 3), 422/400 → refused (exit 2), other → exit 6.
 * Error messages quote the host's own {@code message} field, never a request body.
 */
final class HostCalls {
    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpClients http;
    private final String what;

    /** @param what names the destination in messages ({@code GitHub repository octo/app}) */
    HostCalls(HttpClients http, String what) {
        this.http = http;
        this.what = what;
    }

    /** An answer: its status and its JSON body (an empty object when it had none). */
    record Answer(int status, JsonNode body) {
    }

    static HttpUrl url(String baseUrl) {
        HttpUrl url = HttpUrl.parse(baseUrl);
        if (url == null) {
            throw new UsageException("the base URL '" + baseUrl + "' is not a URL", null);
        }
        return url;
    }

    static RequestBody json(Object body) {
        try {
            return RequestBody.create(Json.mapper().writeValueAsBytes(body), JSON);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the request; a status in {@code accepted} is returned, any other fails as the class comment says. */
    Answer send(Request request, int... accepted) {
        try (Response response = http.client(request.url()).newCall(request).execute()) {
            String text = response.body().string();
            JsonNode body = parse(text);
            for (int a : accepted) {
                if (response.code() == a) {
                    return new Answer(response.code(), body);
                }
            }
            throw failure(response.code(), message(body).orElse(response.message()));
        } catch (IOException e) {
            throw HttpErrors.noResponse("writing " + what, request.url().host(), e);
        }
    }

    private ApikeyException failure(int status, String message) {
        String said = message == null || message.isBlank() ? "HTTP " + status : message + " (HTTP " + status + ")";
        return switch (status) {
            case 401, 403 -> new CredentialRejectedException("the credential was refused writing " + what + ": " + said,
                    "check the token and its scopes (docs/targets.md lists what each destination needs)");
            case 404 -> new NotFoundException(what + " was not found, or the credential cannot see it: " + said,
                    "check the name, and that the token has access to it");
            case 400, 409, 422 -> new UsageException(what + " refused the write: " + said, null);
            default -> new ProviderUnavailableException("writing " + what + " failed: " + said,
                    "try again later; 'apikey sync' retries");
        };
    }

    private static JsonNode parse(String text) {
        if (text.isEmpty()) {
            return Json.mapper().createObjectNode();
        }
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            return Json.mapper().createObjectNode(); // an HTML error page: the status says enough
        }
    }

    /** The host's own error message: GitHub's {@code message}, GitLab's {@code message} (text or per-field). */
    static Optional<String> message(JsonNode body) {
        JsonNode m = body.path("message");
        if (m.isTextual()) {
            return Optional.of(m.asText());
        }
        if (m.isObject()) {
            StringBuilder b = new StringBuilder();
            m.fields().forEachRemaining(f -> {
                b.append(b.length() == 0 ? "" : "; ").append(f.getKey()).append(' ');
                f.getValue().forEach(v -> b.append(v.asText()).append(' '));
            });
            return Optional.of(b.toString().trim());
        }
        JsonNode error = body.path("error");
        return error.isTextual() ? Optional.of(error.asText()) : Optional.empty();
    }
}
