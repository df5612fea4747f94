package dev.apikey.http;

import dev.apikey.core.Redactor;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * The {@code -v} view of HTTP exchanges on stderr: request line, headers, and small textual bodies.
 * Credential headers are always redacted, whatever their value; every secret the invocation knows is
 * masked wherever it appears; request and response bodies pass through the same masking, plus the
 * provider-specific {@link BodyRedactor}. Bodies of streamed responses are never read.
 */
public final class VerboseLog implements Interceptor {
    /** Headers that carry credentials for at least one provider. */
    static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
            "x-api-key", "api-key", "private-token", "job-token", "dd-api-key", "dd-application-key", "npm-otp",
            "x-auth-key", "x-auth-user-service-key", "x-algolia-api-key", "x-goog-api-key");
    private static final long MAX_BODY = 8 * 1024;

    /** Masks secret values inside a body, e.g. the value at a provider's secret JSON pointer. */
    @FunctionalInterface
    public interface BodyRedactor {
        String redact(String body);

        BodyRedactor NONE = b -> b;
    }

    /** Tag a request with this to log its headers only (streamed or binary bodies). */
    public enum HeadersOnly { INSTANCE }

    private final PrintStream err;
    private final Redactor redactor;
    private final Set<String> extraCredentialHeaders;

    public VerboseLog(PrintStream err, Redactor redactor, Set<String> extraCredentialHeaders) {
        this.err = err;
        this.redactor = redactor;
        this.extraCredentialHeaders = extraCredentialHeaders;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        boolean headersOnly = request.tag(HeadersOnly.class) != null;
        BodyRedactor bodies = request.tag(BodyRedactor.class) != null ? request.tag(BodyRedactor.class) : BodyRedactor.NONE;
        StringBuilder b = new StringBuilder();
        b.append("> ").append(request.method()).append(' ').append(redactor.redact(request.url().toString())).append('\n');
        headers(b, "> ", request.headers());
        RequestBody body = request.body();
        if (!headersOnly && body != null && isText(body.contentType()) && body.contentLength() <= MAX_BODY && !body.isOneShot()) {
            Buffer buf = new Buffer();
            body.writeTo(buf);
            b.append("> ").append(redactor.redact(bodies.redact(buf.readUtf8()))).append('\n');
        }
        print(b);
        long start = System.nanoTime();
        Response response = chain.proceed(request);
        long ms = (System.nanoTime() - start) / 1_000_000;
        StringBuilder r = new StringBuilder();
        r.append("< ").append(response.code()).append(' ').append(response.message()).append(" (").append(ms).append(" ms)\n");
        headers(r, "< ", response.headers());
        ResponseBody rb = response.body();
        if (!headersOnly && rb != null && isText(rb.contentType())) {
            String peek = response.peekBody(MAX_BODY).string();
            r.append("< ").append(redactor.redact(bodies.redact(peek)))
                    .append(rb.contentLength() > MAX_BODY ? " …" : "").append('\n');
        }
        print(r);
        return response;
    }

    private void headers(StringBuilder b, String prefix, Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            boolean credential = isCredentialHeader(name);
            b.append(prefix).append(name).append(": ")
                    .append(credential ? "***" : redactor.redact(headers.value(i))).append('\n');
        }
    }

    boolean isCredentialHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return CREDENTIAL_HEADERS.contains(n) || extraCredentialHeaders.contains(n)
                || n.contains("token") || n.contains("secret") || n.contains("api-key") || n.contains("apikey");
    }

    private void print(StringBuilder b) {
        synchronized (err) {
            err.print(b);
            err.flush();
        }
    }

    private static boolean isText(MediaType type) {
        if (type == null) {
            return false;
        }
        String sub = type.subtype().toLowerCase(Locale.ROOT);
        return type.type().equals("text") || sub.contains("json") || sub.contains("x-www-form-urlencoded") || sub.contains("xml");
    }
}
