package dev.apikey.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Proxies the way curl and most CLIs read them: {@code HTTPS_PROXY} for https, {@code HTTP_PROXY}
 * for http (lower-case names too), and {@code NO_PROXY} as a comma-separated list of hosts, domain
 * suffixes ({@code .corp} or {@code corp}), {@code host:port}, or {@code *}.
 */
public final class EnvProxySelector extends ProxySelector {
    private final Proxy https;
    private final Proxy http;
    private final List<String> noProxy;

    public EnvProxySelector(Map<String, String> environment) {
        this.https = parse(first(environment, "HTTPS_PROXY", "https_proxy"));
        this.http = parse(first(environment, "HTTP_PROXY", "http_proxy"));
        List<String> list = new ArrayList<>();
        String raw = first(environment, "NO_PROXY", "no_proxy");
        if (raw != null) {
            for (String part : raw.split(",")) {
                String p = part.trim().toLowerCase(Locale.ROOT);
                if (!p.isEmpty()) {
                    list.add(p);
                }
            }
        }
        this.noProxy = list;
    }

    /** The proxy URL's user info, for proxy authentication, or null. */
    public static String userInfo(Map<String, String> environment, boolean secure) {
        String raw = secure ? first(environment, "HTTPS_PROXY", "https_proxy") : first(environment, "HTTP_PROXY", "http_proxy");
        if (raw == null) {
            return null;
        }
        try {
            return URI.create(raw.contains("://") ? raw : "http://" + raw).getRawUserInfo();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public List<Proxy> select(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Proxy proxy = scheme.equals("https") ? https : scheme.equals("http") ? http : null;
        if (proxy == null || bypass(uri)) {
            return List.of(Proxy.NO_PROXY);
        }
        return List.of(proxy);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // nothing to learn: there is one proxy per scheme
    }

    boolean bypass(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            String h = entry;
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.indexOf(':') == colon && entry.substring(colon + 1).matches("\\d{1,5}")) {
                if (port != Integer.parseInt(entry.substring(colon + 1))) {
                    continue;
                }
                h = entry.substring(0, colon);
            }
            String bare = h.startsWith("*.") ? h.substring(2) : h.startsWith(".") ? h.substring(1) : h;
            if (host.equals(bare) || host.endsWith("." + bare)) {
                return true;
            }
        }
        return false;
    }

    private static Proxy parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        URI u = URI.create(value.contains("://") ? value : "http://" + value);
        if (u.getHost() == null) {
            return null;
        }
        int port = u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
        Proxy.Type type = u.getScheme() != null && u.getScheme().toLowerCase(Locale.ROOT).startsWith("socks")
                ? Proxy.Type.SOCKS : Proxy.Type.HTTP;
        return new Proxy(type, InetSocketAddress.createUnresolved(u.getHost(), port));
    }

    private static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }
}
