package dev.apikey.core;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code apikey request}: one HTTP request with the key injected the way its provider expects, sent only
 * to an origin the key is bound to. The exchange itself (redirects, streaming the response) is the
 * {@link Transport}'s; this decides what is sent where, and records it in the audit log.
 */
public final class SendRequest {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]+");
    private static final Set<String> NO_BODY = Set.of("GET", "HEAD");

    private final Workspace ws;

    public SendRequest(Workspace ws) {
        this.ws = ws;
    }

    /**
     * What the user asked for.
     *
     * @param method      null for the default: GET, or POST when there is a body or fields
     * @param target      a full URL, or a PATH on the provider's base URL
     * @param headers     {@code Name: value} lines; an empty value sends no such header
     * @param body        the body and fields, read only when the request gets that far
     * @param allowHosts  hosts this request may go to, for a key bound to no host
     * @param signingService for a key that signs requests (aws): the service to sign for, or null to derive it
     */
    public record Spec(KeyRef ref, String method, String target, List<String> headers, Body body,
                       List<String> allowHosts, String signingService) {
    }

    /** What the request carries besides headers, as the command line gives it ({@code -d}, {@code -f}, {@code -F}). */
    public interface Body {
        /** The fields, read now (a field may name a file or standard input). */
        Fields fields();

        boolean hasData();

        /** The {@code -d} data, read now. */
        Payload data();
    }

    /** Named fields: a JSON body, or query parameters for a GET or beside {@code -d}. */
    public interface Fields {
        /** No fields: most requests. */
        Fields NONE = new Fields() {
            @Override
            public boolean isEmpty() {
                return true;
            }

            @Override
            public byte[] json() {
                return "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public List<Map.Entry<String, String>> queryParameters() {
                return List.of();
            }
        };

        boolean isEmpty();

        /** The fields as one JSON object. */
        byte[] json();

        /** The fields as query parameters, keys as written. */
        List<Map.Entry<String, String>> queryParameters();
    }

    public record Header(String name, String value) {
    }

    /**
     * The request as it goes out.
     *
     * @param keyHeader  the header the key goes in (withheld, whoever set it, after a redirect elsewhere)
     * @param keyValue   that header's value, or null when an explicit {@code -H} gives the header
     * @param keyOrigin  the one origin the key may be sent to; after a redirect elsewhere it is withheld
     * @param secret     the key's secret, so the transport can withhold any header that carries it
     * @param moreKeyHeaders further headers the provider sends with its keys (withheld with the key)
     * @param signer     for a key that signs requests instead of riding in a header, else null: each
     *                   request to {@code keyOrigin} is signed as sent
     */
    public record Outgoing(String method, URI url, List<Header> headers, Payload body, String keyHeader,
                           Secret keyValue, Origin keyOrigin, Secret secret, List<Header> moreKeyHeaders,
                           RequestSigner signer) {
        public Outgoing {
            moreKeyHeaders = moreKeyHeaders == null ? List.of() : List.copyOf(moreKeyHeaders);
        }

        public Outgoing(String method, URI url, List<Header> headers, Payload body, String keyHeader, Secret keyValue,
                        Origin keyOrigin, Secret secret) {
            this(method, url, headers, body, keyHeader, keyValue, keyOrigin, secret, List.of(), null);
        }
    }

    /**
     * What came back, after the body was written out.
     *
     * @param finalUrl     where the last response came from (differs from the request's after redirects)
     * @param keyWithheld  whether a redirect went to another origin, where the key was not sent
     */
    public record Exchange(int status, String reason, URI finalUrl, boolean keyWithheld) {
    }

    /** Sends the request, follows redirects, and streams the response to the user. */
    public interface Transport {
        /**
         * @throws PolicyException               a redirect would downgrade to plain http
         * @throws ProviderUnavailableException  no response (network, DNS, TLS, timeout)
         */
        Exchange send(Outgoing request);
    }

    public Exchange run(Spec spec, Transport transport) {
        List<Header> headers = parseHeaders(spec.headers());
        spec.allowHosts().forEach(AllowedHost::parse); // a typo is a usage error, whatever the key
        Fields fields = spec.body().fields();
        boolean hasData = spec.body().hasData();
        String method = method(spec.method(), hasData || !fields.isEmpty());
        boolean fieldsInQuery = hasData || NO_BODY.contains(method);
        if (hasData && NO_BODY.contains(method)) {
            throw new UsageException("a " + method + " request cannot carry -d data", "use -X POST, PUT or PATCH");
        }

        UsableKey key = new UsableKeys(ws).resolve(spec.ref(), List.of());
        RequestPolicy.Target target = RequestPolicy.target(key, spec.target());
        URI url = withQuery(target.url(), fieldsInQuery ? fields.queryParameters() : List.of());
        Origin origin = target.origin(); // the parameters leave it as it is
        try {
            RequestPolicy.allow(key, origin, spec.allowHosts());
            KeyBindings.verify(ws, key);
            for (UsableKey other : key.linked().values()) {
                // A key sent along (Datadog's API key beside an application key) goes only where it may go itself.
                RequestPolicy.allow(other, origin, spec.allowHosts());
                KeyBindings.verify(ws, other);
            }
        } catch (PolicyException e) {
            audit(spec.ref(), url, origin, "refused", e.getMessage());
            throw e;
        }
        Payload body = hasData ? spec.body().data()
                : !fields.isEmpty() && !fieldsInQuery ? new Payload.Bytes(fields.json(), Payload.JSON) : null;

        RequestSigner signer = signer(spec, key, url, headers);
        if (signer != null && body instanceof Payload.FromStream stream) {
            body = Payload.readAll(stream); // the signature covers the body's hash
        }
        Secret keyValue = signer != null ? null : keyValue(key, headers);
        List<Header> sent = headers.stream().filter(h -> !h.value().isEmpty()).toList();
        Outgoing outgoing = new Outgoing(method, url, sent, body, key.usage().header(), keyValue, origin,
                key.secret(), signer != null ? List.of() : moreKeyHeaders(key, headers), signer);

        Exchange exchange;
        try {
            exchange = transport.send(outgoing);
        } catch (ApikeyException e) {
            audit(spec.ref(), url, origin, e instanceof PolicyException ? "refused" : "failed", e.getMessage());
            throw e;
        }
        return finished(spec.ref(), url, origin, exchange);
    }

    /**
     * The signer of a key that signs requests (aws), or null for a key sent in its header. An explicit
     * {@code -H} for the key's header wins here too: the request then goes unsigned.
     */
    private RequestSigner signer(Spec spec, UsableKey key, URI url, List<Header> headers) {
        String name = key.usage().header();
        boolean explicit = headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(name));
        RequestSigner signer = explicit ? null : ws.providers().get(spec.ref().provider())
                .signer(key.id().orElse(null), key.secret(), url, spec.signingService()).orElse(null);
        if (signer == null && spec.signingService() != null && !explicit) {
            throw new UsageException("--aws-service is only for keys that sign requests; " + spec.ref()
                    + " is sent in its " + name + " header", "drop --aws-service");
        }
        return signer;
    }

    /** The value of the key's header, or null when an explicit {@code -H} gives that header. */
    private Secret keyValue(UsableKey key, List<Header> headers) {
        String name = key.usage().header();
        if (headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(name))) {
            ws.notices().verbose("not injecting " + name + ": -H gives it");
            return null;
        }
        Secret value = key.headerValue();
        ws.redactor().register(value); // -v masks the value whatever the header's name (Basic is encoded)
        requireHeaderText(value.reveal(), () -> "the " + name + " value of " + key.ref()
                + " contains characters that cannot be sent in an HTTP header");
        return value;
    }

    /** The provider's further key headers, but those an explicit {@code -H} gives. */
    private List<Header> moreKeyHeaders(UsableKey key, List<Header> headers) {
        List<Header> out = new ArrayList<>();
        key.moreHeaders().forEach((name, value) -> {
            if (headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(name))) {
                ws.notices().verbose("not injecting " + name + ": -H gives it");
                return;
            }
            ws.redactor().register(value);
            requireHeaderText(value.reveal(), () -> "the " + name + " value of " + key.ref()
                    + " contains characters that cannot be sent in an HTTP header");
            out.add(new Header(name, value.reveal()));
        });
        return out;
    }

    /** Records the exchange; a status of 400 or more is a failure (exit 1), after the body was shown. */
    private Exchange finished(KeyRef ref, URI url, Origin origin, Exchange exchange) {
        String summary = "HTTP " + exchange.status() + (exchange.keyWithheld()
                ? "; redirected to " + Origin.of(exchange.finalUrl()) + ", where the key was not sent" : "");
        audit(ref, url, origin, exchange.status() >= 400 ? "failed" : "ok", summary);
        if (exchange.status() >= 400) {
            throw new ApikeyException("HTTP " + exchange.status() + (exchange.reason().isEmpty() ? "" : " " + exchange.reason()),
                    exchange.status() == 401 ? "the server refused the key; check it with 'apikey list' or rotate it" : null);
        }
        return exchange;
    }

    private void audit(KeyRef ref, URI url, Origin origin, String outcome, String detail) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        ws.audit().record(new AuditEvent(ws.clock().instant(), "request", ref.toString(),
                ws.keys().find(ref).map(KeyRecord::id).orElse(null), outcome, detail, origin.toString(), path));
    }

    /** The method as given (upper-cased), else GET, or POST when the request has a body or fields, as gh api does. */
    static String method(String given, boolean hasParameters) {
        if (given == null) {
            return hasParameters ? "POST" : "GET";
        }
        if (!METHOD.matcher(given).matches()) {
            throw new UsageException("invalid method '" + Names.printable(given) + "'", "for example: -X POST");
        }
        return given.toUpperCase(Locale.ROOT);
    }

    static List<Header> parseHeaders(List<String> lines) {
        List<Header> headers = new ArrayList<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon).trim();
            if (colon < 0 || !TOKEN.matcher(name).matches()) {
                throw new UsageException("invalid header '" + Names.printable(name) + "': expected 'Name: value'",
                        "for example: -H 'Accept: application/json'");
            }
            String value = line.substring(colon + 1).strip();
            requireHeaderText(value, () -> "the value of header " + name + " contains characters that cannot be sent");
            headers.add(new Header(name, value));
        }
        return headers;
    }

    /** Header values are visible ASCII, spaces and tabs. The message never quotes the value: it may be a secret. */
    private static void requireHeaderText(String value, Supplier<String> message) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c == '\t' || (c >= 0x20 && c < 0x7f))) {
                throw new UsageException(message.get() + " (position " + (i + 1) + ")",
                        "header values are limited to visible ASCII characters, spaces and tabs");
            }
        }
    }

    private static URI withQuery(URI url, List<Map.Entry<String, String>> parameters) {
        if (parameters.isEmpty()) {
            return url;
        }
        StringBuilder query = new StringBuilder(url.getRawQuery() == null ? "" : url.getRawQuery());
        for (Map.Entry<String, String> p : parameters) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        String s = url.toString();
        int cut = s.indexOf('?') >= 0 ? s.indexOf('?') : s.indexOf('#') >= 0 ? s.indexOf('#') : s.length();
        return URI.create(s.substring(0, cut) + "?" + query);
    }
}
