package dev.apikey.http;

import dev.apikey.core.ApikeyException;
import dev.apikey.core.Notices;
import dev.apikey.core.Origin;
import dev.apikey.core.Payload;
import dev.apikey.core.PolicyException;
import dev.apikey.core.Printable;
import dev.apikey.core.ProviderUnavailableException;
import dev.apikey.core.RequestPolicy;
import dev.apikey.core.SendRequest;
import dev.apikey.core.SendRequest.Exchange;
import dev.apikey.core.SendRequest.Header;
import dev.apikey.core.SendRequest.Outgoing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;

/**
 * Sends {@code apikey request}'s request with OkHttp and streams the response to standard output in
 * constant memory. Redirects are followed here, not by OkHttp, so that the key is withheld from
 * every origin but the one it was checked for, and never sent over plain http to a non-loopback host.
 * Nothing is retried: the user sees what the server said.
 */
public final class KeyedExchange implements SendRequest.Transport {
    static final int MAX_REDIRECTS = 10;
    private static final String HELD_RETRY_AFTER = "X-Apikey-Held-Retry-After";
    /** Headers that carry a credential: never sent on to another origin, whoever set them. */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-length", "transfer-encoding");
    private static final Set<String> BODY_REQUIRED = Set.of("POST", "PUT", "PATCH", "PROPPATCH", "REPORT");
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"), Map.entry(204, "No Content"),
            Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(303, "See Other"),
            Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"),
            Map.entry(410, "Gone"), Map.entry(413, "Content Too Large"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(422, "Unprocessable Content"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final HttpClients http;
    private final OutputStream out;
    private final boolean include;
    private final boolean silent;
    private final Notices notices;

    /**
     * @param out     where the response goes: standard output, raw bytes
     * @param include {@code -i}: the status line and headers first
     * @param silent  {@code --silent}: no body
     */
    public KeyedExchange(HttpClients http, OutputStream out, boolean include, boolean silent, Notices notices) {
        this.http = http;
        this.out = out;
        this.include = include;
        this.silent = silent;
        this.notices = notices;
    }

    @Override
    public Exchange send(Outgoing o) {
        HttpUrl url = HttpUrl.get(o.url());
        if (!origin(url).equals(o.keyOrigin())) {
            // java.net.URI (which the policy checked) and OkHttp read the URL differently: send nothing.
            throw new PolicyException("the URL " + o.keyOrigin() + " is ambiguous; it was not sent",
                    "write the URL in plain form: scheme://host[:port]/path");
        }
        List<Header> headers = new ArrayList<>(o.headers());
        if (o.keyValue() != null) {
            headers.add(new Header(o.keyHeader(), o.keyValue().reveal()));
        }
        headers.addAll(o.moreKeyHeaders());
        String method = o.method();
        Payload body = o.body();
        boolean withheld = false;
        for (int redirects = 0; ; redirects++) {
            List<Header> sent = headers;
            if (o.signer() != null && origin(url).equals(o.keyOrigin())) {
                // Signed afresh for every request to the key's origin: the signature covers method, URL and body.
                sent = new ArrayList<>(headers);
                sent.addAll(o.signer().sign(method, url.uri(), headers, Payload.bytesOf(body)));
            }
            Response response = execute(client(http.client(url)), request(url, method, sent, body), url);
            String location = response.header("Location");
            HttpUrl next = isRedirect(response.code()) && location != null ? url.resolve(location) : null;
            if (next == null) {
                return finish(response, url, withheld);
            }
            int code = response.code();
            boolean keepsBody = code == 307 || code == 308;
            if (keepsBody && body instanceof Payload.FromStream) {
                notices.warn("not following the redirect to " + origin(next)
                        + ": the body came from standard input and cannot be sent again");
                return finish(response, url, withheld);
            }
            response.close();
            if (redirects == MAX_REDIRECTS) {
                throw new ApikeyException("more than " + MAX_REDIRECTS + " redirects, the last to " + origin(next),
                        "request the final URL directly");
            }
            RequestPolicy.requireSecureTransport(next.uri());
            if (!keepsBody) {
                method = method.equals("HEAD") ? "HEAD" : "GET";
                body = null;
                headers.removeIf(h -> BODY_HEADERS.contains(lower(h.name())));
            }
            if (!withheld && !origin(next).equals(o.keyOrigin())) {
                String secret = o.secret().reveal();
                headers.removeIf(h -> h.name().equalsIgnoreCase(o.keyHeader()) || o.moreKeyHeaders().contains(h)
                        || CREDENTIAL_HEADERS.contains(lower(h.name())) || h.value().contains(secret));
                withheld = true;
                notices.verbose("redirected to " + origin(next) + ": the key is not sent there");
            }
            url = next;
        }
    }

    /**
     * The shared client, made to send exactly one request per hop: OkHttp on its own repeats a request
     * after some connection failures, and after a 503 with {@code Retry-After: 0}, whatever its method.
     * There is no overall deadline: a body may stream for as long as it takes (each read still has one).
     */
    private static OkHttpClient client(OkHttpClient shared) {
        OkHttpClient.Builder b = shared.newBuilder()
                .callTimeout(Duration.ZERO)
                .retryOnConnectionFailure(false)
                .proxySelector(new DirectToLoopback(shared.proxySelector()));
        // Hide a 503's Retry-After from OkHttp's follow-up logic, and give it back before anyone sees it.
        b.networkInterceptors().add(0, chain -> {
            Response r = chain.proceed(chain.request());
            return r.code() == 503 ? rename(r, "Retry-After", HELD_RETRY_AFTER) : r;
        });
        b.addInterceptor(chain -> rename(chain.proceed(chain.request()), HELD_RETRY_AFTER, "Retry-After"));
        return b.build();
    }

    private static Response rename(Response response, String from, String to) {
        List<String> values = response.headers(from);
        if (values.isEmpty()) {
            return response;
        }
        Response.Builder b = response.newBuilder().removeHeader(from);
        values.forEach(v -> b.addHeader(to, v));
        return b.build();
    }

    private static Request request(HttpUrl url, String method, List<Header> headers, Payload body) {
        Headers.Builder h = new Headers.Builder();
        boolean contentTypeGiven = false;
        for (Header header : headers) {
            h.add(header.name(), header.value());
            contentTypeGiven |= header.name().equalsIgnoreCase("Content-Type");
        }
        return new Request.Builder()
                .url(url)
                .headers(h.build())
                .method(method, body(method, body, contentTypeGiven))
                .tag(VerboseLog.HeadersOnly.class, VerboseLog.HeadersOnly.INSTANCE)
                .tag(Retries.NoRetry.class, Retries.NoRetry.INSTANCE)
                .build();
    }

    /** The body; its content type is left out when {@code -H} gives one, which OkHttp would overwrite. */
    private static RequestBody body(String method, Payload payload, boolean contentTypeGiven) {
        if (payload == null) {
            return BODY_REQUIRED.contains(method) ? RequestBody.create(new byte[0]) : null;
        }
        MediaType type = contentTypeGiven ? null : MediaType.parse(payload.contentType());
        if (payload instanceof Payload.Bytes b) {
            return RequestBody.create(b.data(), type);
        }
        if (payload instanceof Payload.FromFile f) {
            return RequestBody.create(f.file().toFile(), type);
        }
        InputStream in = ((Payload.FromStream) payload).in();
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return type;
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.writeAll(Okio.source(in));
            }
        };
    }

    private static Response execute(OkHttpClient client, Request request, HttpUrl url) {
        try {
            return client.newCall(request).execute();
        } catch (IOException e) {
            throw HttpErrors.noResponse("request to " + origin(url), url.host(), e);
        }
    }

    /** Writes the status and headers ({@code -i}) and the body, then closes the response. */
    private Exchange finish(Response response, HttpUrl url, boolean withheld) {
        String reason = response.message().isEmpty() ? REASONS.getOrDefault(response.code(), "") : response.message();
        long copied = 0;
        try (response; InputStream in = response.body().byteStream()) {
            if (include) {
                write(head(response, reason));
            }
            if (!silent) {
                byte[] buffer = new byte[1 << 16];
                while (true) {
                    int n;
                    try {
                        n = in.read(buffer);
                    } catch (IOException e) {
                        throw new ProviderUnavailableException("the response from " + origin(url) + " broke off after "
                                + copied + " bytes (" + e.getClass().getSimpleName() + ")",
                                "try again; the output is incomplete", e);
                    }
                    if (n < 0) {
                        break;
                    }
                    write(buffer, n);
                    copied += n;
                }
            }
            out.flush();
        } catch (IOException e) {
            throw stdoutFailed(e);
        }
        return new Exchange(response.code(), reason, url.uri(), withheld);
    }

    /**
     * The status line and headers as the server sent them, with control characters escaped (SPEC §4):
     * unlike the body, which is data for a pipe, they are text from another program that lands on the
     * terminal, and a reason phrase or header value with {@code ESC} or {@code CR} must not drive it.
     */
    private static byte[] head(Response response, String reason) {
        StringBuilder b = new StringBuilder();
        b.append(protocol(response)).append(' ').append(response.code());
        if (!reason.isEmpty()) {
            b.append(' ').append(Printable.escape(reason));
        }
        b.append("\r\n");
        Headers headers = response.headers();
        for (int i = 0; i < headers.size(); i++) {
            b.append(Printable.escape(headers.name(i))).append(": ").append(Printable.escape(headers.value(i)))
                    .append("\r\n");
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String protocol(Response response) {
        switch (response.protocol()) {
            case HTTP_1_0:
                return "HTTP/1.0";
            case HTTP_1_1:
                return "HTTP/1.1";
            case HTTP_3:
            case QUIC:
                return "HTTP/3";
            default:
                return "HTTP/2";
        }
    }

    private void write(byte[] bytes) {
        write(bytes, bytes.length);
    }

    private void write(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            throw stdoutFailed(e);
        }
    }

    private static ApikeyException stdoutFailed(IOException e) {
        return new ApikeyException("cannot write the response to standard output ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", null, e);
    }

    private static boolean isRedirect(int code) {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    /** The origin of a URL as OkHttp reads it, to compare with the one the policy read. */
    static Origin origin(HttpUrl url) {
        return Origin.of(url.scheme(), url.host(), url.port());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * Loopback hosts are reached directly, never through {@code HTTP_PROXY}: plain http is allowed to
     * them only because it does not leave the machine.
     */
    private static final class DirectToLoopback extends ProxySelector {
        private final ProxySelector delegate;

        DirectToLoopback(ProxySelector delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<Proxy> select(URI uri) {
            if (uri.getHost() != null && Origin.isLoopbackHost(uri.getHost())) {
                return List.of(Proxy.NO_PROXY);
            }
            return delegate.select(uri);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            delegate.connectFailed(uri, sa, ioe);
        }
    }
}
