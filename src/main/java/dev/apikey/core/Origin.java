package dev.apikey.core;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a key or a management credential may be sent: an origin (RFC 6454) — scheme, host and port —
 * in one canonical form, so that two spellings of one server compare equal and two servers never do.
 * Every decision about where a secret may go goes through here: binding keys to their provider, the
 * {@code request} policy, redirects, pagination, and plain http only to loopback.
 *
 * <p>The host is lower case (a trailing dot kept: browsers, too, count {@code example.com.} as another
 * origin than {@code example.com}), an IPv6 address in its RFC 5952 form without
 * brackets, and an IPv4-mapped IPv6 address the IPv4 address it reaches; the port is always explicit (443 or 80 when the URL leaves it out). URLs that URL parsers
 * read differently are refused rather than guessed at: credentials before the host
 * ({@code https://api.example.com@evil.example}), backslashes, and IPv4 addresses in any form but four
 * decimal numbers ({@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1}, {@code 127.1}), which
 * {@code java.net.URI} and OkHttp would send to different hosts.
 */
public record Origin(String scheme, String host, int port) {
    private static final Pattern DECIMAL_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");

    /** Why a text is not an origin, for callers to word their own message. */
    public enum Problem {
        /** Not an absolute URL (no scheme, protocol-relative, a backslash, a bad port, a syntax error). */
        NOT_A_URL,
        /** A scheme other than https and http. */
        UNSUPPORTED_SCHEME,
        /** No host. */
        NO_HOST,
        /** Credentials before the host ({@code user@host}). */
        USERINFO,
        /** A host that URL parsers read differently: an IPv4 address not written as four decimal numbers. */
        AMBIGUOUS_HOST
    }

    /** A text that is not an origin, with the reason. */
    public static final class InvalidException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        InvalidException(Problem problem, String detail) {
            super(detail);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** @throws InvalidException unless the parts are already canonical */
    public Origin {
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidException(Problem.UNSUPPORTED_SCHEME, "unsupported scheme " + scheme);
        }
        if (!host.equals(canonicalHost(host))) {
            throw new IllegalArgumentException("not a canonical host: " + host);
        }
        if (port < 1 || port > 65535) {
            throw new InvalidException(Problem.NOT_A_URL, "port out of range: " + port);
        }
    }

    /**
     * The origin of an absolute URL ({@code scheme://host[:port][/path][?query]}).
     *
     * @throws InvalidException when it is none
     */
    public static Origin parse(String url) {
        if (url.indexOf('\\') >= 0) {
            throw new InvalidException(Problem.NOT_A_URL, "a backslash in a URL");
        }
        try {
            return of(new URI(url));
        } catch (URISyntaxException e) {
            throw new InvalidException(Problem.NOT_A_URL, e.getReason() + " at index " + e.getIndex());
        }
    }

    /** @throws InvalidException when the URI has no origin a key may be sent to */
    public static Origin of(URI u) {
        if (u.getScheme() == null || u.isOpaque()) {
            throw new InvalidException(Problem.NOT_A_URL, "not an absolute URL");
        }
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidException(Problem.UNSUPPORTED_SCHEME, "unsupported scheme " + scheme);
        }
        String authority = u.getRawAuthority();
        if (u.getRawUserInfo() != null || (authority != null && authority.indexOf('@') >= 0)) {
            throw new InvalidException(Problem.USERINFO, "credentials before the host");
        }
        if (u.getHost() == null) {
            // java.net.URI has no host for what it cannot read as one, such as 2130706433 or 0x7f000001.
            String hostPart = authority == null ? "" : authority.replaceFirst(":[0-9]*$", "");
            if (!hostPart.isEmpty() && looksNumeric(hostPart)) {
                throw new InvalidException(Problem.AMBIGUOUS_HOST, "an IPv4 address not written as a.b.c.d");
            }
            throw new InvalidException(Problem.NO_HOST, "no host");
        }
        return of(scheme, u.getHost(), u.getPort());
    }

    /**
     * From the parts a URL library already split (OkHttp's {@code HttpUrl}): the host with or without
     * brackets, the port -1 for the scheme's default.
     *
     * @throws InvalidException when they make no origin a key may be sent to
     */
    public static Origin of(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        return new Origin(s, canonicalHost(host), port == -1 ? defaultPort(s) : port);
    }

    /**
     * The origins keys of a provider are bound to, as {@link #toString()} writes them: the base URL's,
     * plus what each {@code --allow-host} entry allows ({@link AllowedHost}).
     *
     * @throws UsageException when one is none
     */
    public static List<String> boundTo(String baseUrl, List<String> allowHosts) {
        LinkedHashSet<String> origins = new LinkedHashSet<>();
        if (baseUrl != null) {
            origins.add(required(baseUrl).toString());
        }
        for (String host : allowHosts) {
            origins.add(AllowedHost.parse(host).toString());
        }
        return new ArrayList<>(origins);
    }

    private static Origin required(String url) {
        try {
            return parse(url);
        } catch (InvalidException e) {
            throw new UsageException("invalid URL '" + Names.printable(url) + "'", "use a full URL such as https://api.example.com");
        }
    }

    /**
     * Whether a key bound to these origins ({@link #toString()} forms) may go to {@code origin}: one of them
     * is it, or is a loopback {@code HOST[:PORT]} that covers it ({@link AllowedHost}), or is a pattern
     * {@code https://*.SUFFIX} (an AWS partition's hosts) and the origin is https on the default port to a
     * host under that suffix.
     */
    public static boolean covers(List<String> bound, Origin origin) {
        String text = origin.toString();
        for (String b : bound) {
            if (b.equals(text)) {
                return true;
            }
            if (!b.contains("://") && AllowedHost.parse(b).covers(origin)) {
                return true;
            }
            if (b.startsWith("https://*.") && origin.scheme().equals("https") && origin.port() == 443) {
                String suffix = b.substring("https://*".length());
                if (origin.host().endsWith(suffix) && origin.host().length() > suffix.length()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether this host name or address is this machine (a local test server): traffic to it stays here. */
    public static boolean isLoopbackHost(String host) {
        String h;
        try {
            h = canonicalHost(host);
        } catch (InvalidException e) {
            return false;
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1); // the fully qualified spelling of the same name
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.indexOf(':') >= 0) {
            return h.equals("::1");
        }
        return h.startsWith("127.") && isDottedQuad(h);
    }

    public boolean isLoopback() {
        return isLoopbackHost(host);
    }

    /** https anywhere; plain http only to loopback, where it does not cross the network in clear text. */
    public boolean isSecureTransport() {
        return scheme.equals("https") || isLoopback();
    }

    public boolean sameOrigin(Origin other) {
        return equals(other);
    }

    /** {@code host[:port]}, the default port left out, an IPv6 address in brackets. */
    public String hostPort() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == defaultPort(scheme) ? h : h + ":" + port;
    }

    // Written out, not generated: see KeyRef.equals.
    @Override
    public boolean equals(Object o) {
        return o instanceof Origin other && port == other.port && scheme.equals(other.scheme) && host.equals(other.host);
    }

    @Override
    public int hashCode() {
        return (31 * scheme.hashCode() + host.hashCode()) * 31 + port;
    }

    /** {@code scheme://host[:port]}, the default port left out: the form bindings are recorded in. */
    @Override
    public String toString() {
        return scheme + "://" + hostPort();
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    private static String canonicalHost(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.isEmpty()) {
            throw new InvalidException(Problem.NO_HOST, "no host");
        }
        if (h.indexOf(':') >= 0) {
            return ipv6(h);
        }
        h = h.toLowerCase(Locale.ROOT);
        if (h.equals(".") || h.startsWith(".") || h.contains("..")) {
            throw new InvalidException(Problem.NO_HOST, "no host name");
        }
        if (looksNumeric(h) && !isDottedQuad(h)) {
            throw new InvalidException(Problem.AMBIGUOUS_HOST, "an IPv4 address not written as a.b.c.d");
        }
        return h;
    }

    /** As the WHATWG URL standard decides that a host is an IPv4 address: its last label is a number. */
    private static boolean looksNumeric(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = h.substring(h.lastIndexOf('.') + 1);
        return !last.isEmpty() && NUMERIC_LABEL.matcher(last).matches();
    }

    private static boolean isDottedQuad(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (!DECIMAL_OCTET.matcher(p).matches() || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** An IPv6 literal in RFC 5952 form; an IPv4-mapped one as the IPv4 address {@code a.b.c.d}. */
    private static String ipv6(String literal) {
        if (!literal.matches("[0-9A-Fa-f:.]+")) {
            throw new InvalidException(Problem.NOT_A_URL, "not an IPv6 address"); // zone ids included
        }
        InetAddress address;
        try {
            address = InetAddress.getByName("[" + literal + "]"); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new InvalidException(Problem.NOT_A_URL, "not an IPv6 address");
        }
        if (address instanceof Inet4Address) {
            return address.getHostAddress(); // IPv4-mapped: the IPv4 address it reaches, as OkHttp reads it too
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }
}
