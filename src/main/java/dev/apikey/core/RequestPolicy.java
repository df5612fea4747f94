package dev.apikey.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where {@code request} may send a key. Binding is by origin (scheme, host, port): a URL must be on
 * one of the origins the key is bound to, or, for a key bound to no host, be allowed by an
 * {@code --allow-host} entry given with the request, read by the rule a provider's own entries are
 * ({@link AllowedHost}). Plain http goes to loopback hosts only.
 */
public final class RequestPolicy {
    private static final Pattern ABSOLUTE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);

    private RequestPolicy() {
    }

    /** A URL {@link #target} accepted, with its origin, which every later decision about it goes by. */
    record Target(URI url, Origin origin) {
    }

    /** A full URL as given, or a PATH resolved against the key's base URL (keeping the base URL's own path). */
    static Target target(UsableKey key, String urlOrPath) {
        if (ABSOLUTE.matcher(urlOrPath).matches()) {
            return parse(urlOrPath);
        }
        if (key.baseUrl() == null) {
            throw new UsageException("provider " + key.ref().provider() + " has no base URL, so the path '"
                    + Names.printable(urlOrPath) + "' cannot be resolved", "give a full URL, e.g. https://api.example.com"
                    + (urlOrPath.startsWith("/") ? "" : "/") + Names.printable(urlOrPath));
        }
        String base = key.baseUrl().endsWith("/") ? key.baseUrl().substring(0, key.baseUrl().length() - 1) : key.baseUrl();
        return parse(base + (urlOrPath.startsWith("/") ? "" : "/") + urlOrPath);
    }

    private static Target parse(String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new UsageException("invalid URL '" + Names.printable(url) + "' (" + e.getReason() + " at index "
                    + e.getIndex() + ")", "percent-encode spaces and special characters, e.g. %20 for a space");
        }
        try {
            return new Target(u, Origin.of(u));
        } catch (Origin.InvalidException e) {
            throw switch (e.problem()) {
                case UNSUPPORTED_SCHEME -> new UsageException("unsupported URL scheme '" + Names.printable(u.getScheme()) + "'",
                        "use an https:// URL");
                case USERINFO -> new UsageException("a URL with credentials before the host is not accepted",
                        "the key is the credential; give the URL without 'user@'");
                case AMBIGUOUS_HOST -> new UsageException("invalid URL '" + Names.printable(url)
                        + "': an IP address must be written as four decimal numbers", "for example http://127.0.0.1:8080/");
                case NO_HOST, NOT_A_URL -> new UsageException("invalid URL '" + Names.printable(url) + "': no host",
                        "use a full URL such as https://api.example.com/v1");
            };
        }
    }

    /** Refuses (exit 7) to send the key to this origin. */
    static void allow(UsableKey key, Origin origin, List<String> allowHosts) {
        requireSecureTransport(origin);
        if (key.boundOrigins().isEmpty()) {
            if (allowHosts.isEmpty()) {
                throw new PolicyException(key.ref() + " is bound to no host, so it is not sent to " + origin,
                        "name the host for this request with --allow-host " + origin.hostPort()
                                + ", or bind the provider's keys with 'apikey provider add NAME --type TYPE --base-url URL'");
            }
            if (!Origin.covers(Origin.boundTo(null, allowHosts), origin)) {
                throw new PolicyException(origin + " matches no --allow-host entry (" + String.join(", ", allowHosts) + ")",
                        "name the host this request goes to: --allow-host " + origin.hostPort());
            }
            return;
        }
        if (!allowHosts.isEmpty()) {
            throw new PolicyException("--allow-host is only for keys bound to no host; " + key.ref() + " is bound to "
                    + KeyBindings.describe(key.boundOrigins()),
                    "to send its keys to another host, configure the provider with --allow-host HOST");
        }
        if (!Origin.covers(key.boundOrigins(), origin)) {
            throw new PolicyException(key.ref() + " is bound to " + KeyBindings.describe(key.boundOrigins())
                    + ", not to " + origin, "use a PATH, or a URL on the key's own origin");
        }
    }

    /** Plain http only to loopback hosts: anywhere else the key would cross the network in clear text. */
    public static void requireSecureTransport(URI url) {
        requireSecureTransport(Origin.of(url));
    }

    static void requireSecureTransport(Origin origin) {
        if (!origin.isSecureTransport()) {
            throw new PolicyException("plain http is allowed only to loopback hosts, not " + origin.hostPort(),
                    "use https://" + origin.hostPort());
        }
    }
}
