package dev.apikey.core;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * An {@code --allow-host} entry, of {@code provider add} or of {@code request}: the one rule for what such an
 * entry lets a key reach, so that both options mean the same.
 *
 * <ul>
 *   <li>{@code SCHEME://HOST[:PORT]} is that origin, the scheme's default port when none is written;</li>
 *   <li>{@code HOST[:PORT]} is {@code https://HOST[:PORT]} (port 443 when none is written) — binding is by
 *       origin, so another port or plain http is another destination;</li>
 *   <li>except on a loopback host ({@code localhost}, {@code 127.x.x.x}, {@code ::1}): there
 *       {@code HOST:PORT} is that port over http or https, and {@code HOST} is any port of this machine. Plain
 *       http is allowed only there, local servers listen on ports the system picks, and the key does not
 *       leave the machine.</li>
 * </ul>
 *
 * <p>No path, query or credentials: an entry says where a key may go, not what it may ask for.
 *
 * @param scheme {@code null} for a loopback host given without one (http or https)
 * @param host   canonical, as {@link Origin} writes it
 * @param port   {@code -1} for a loopback host given without one (any port)
 */
public record AllowedHost(String scheme, String host, int port) {

    /** @throws UsageException when the entry is none of the forms above */
    public static AllowedHost parse(String entry) {
        boolean withScheme = entry.contains("://");
        URI u;
        Origin origin;
        try {
            u = new URI(withScheme ? entry : "https://" + entry);
            origin = Origin.of(u);
        } catch (URISyntaxException | Origin.InvalidException e) {
            throw invalid(entry);
        }
        boolean onlyAuthority = (u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))
                && u.getRawQuery() == null && u.getRawFragment() == null;
        if (!onlyAuthority) {
            throw invalid(entry);
        }
        if (withScheme || !origin.isLoopback()) {
            return new AllowedHost(origin.scheme(), origin.host(), origin.port());
        }
        return new AllowedHost(null, origin.host(), u.getPort());
    }

    /** Whether a key this entry allows may go to {@code origin}. */
    public boolean covers(Origin origin) {
        if (scheme != null) {
            return origin.equals(new Origin(scheme, host, port));
        }
        return origin.host().equals(host) && (port == -1 || port == origin.port());
    }

    /**
     * The form bindings are recorded in: the origin ({@link Origin#toString()}), or {@code HOST[:PORT]} for a
     * loopback host given without a scheme.
     */
    @Override
    public String toString() {
        if (scheme != null) {
            return new Origin(scheme, host, port).toString();
        }
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == -1 ? h : h + ":" + port;
    }

    /**
     * What an apikey before this one recorded for a binding entry recorded now as {@code recorded} (an origin, or
     * the {@link #toString()} of an entry): a loopback host given without a scheme was https on the port given,
     * or 443, where it now allows http too and, without a port, any port. Every other entry is as it was.
     */
    public static String recordedBefore(String recorded) {
        if (recorded.contains("://")) {
            return recorded; // an origin, or a provider's wildcard
        }
        AllowedHost bare = parse(recorded);
        return Origin.of("https", bare.host, bare.port).toString();
    }

    private static UsageException invalid(String entry) {
        return new UsageException("invalid --allow-host '" + Names.printable(entry) + "'",
                "give a host, host:port or scheme://host:port, e.g. --allow-host api.example.com");
    }
}
