package dev.apikey.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Origins ({@code scheme://host[:port]}) as keys are bound to them. */
public final class Origins {
    private Origins() {
    }

    /** The origin of the base URL plus an {@code https} origin per allowed host. */
    public static List<String> of(String baseUrl, List<String> allowHosts) {
        LinkedHashSet<String> origins = new LinkedHashSet<>();
        if (baseUrl != null) {
            origins.add(of(baseUrl));
        }
        for (String host : allowHosts) {
            origins.add(host.contains("://") ? of(host) : "https://" + host.toLowerCase(Locale.ROOT));
        }
        return new ArrayList<>(origins);
    }

    /**
     * Whether a key bound to these origins may go to {@code origin}: one of them is it, or is a pattern
     * {@code https://*.SUFFIX} (an AWS partition's hosts) and the origin is https on the default port to a
     * host under that suffix.
     */
    public static boolean covers(List<String> bound, String origin) {
        for (String b : bound) {
            if (b.equals(origin)) {
                return true;
            }
            if (b.startsWith("https://*.") && origin.startsWith("https://") && origin.indexOf(':', 8) < 0) {
                String suffix = b.substring("https://*".length());
                String host = origin.substring("https://".length());
                if (host.endsWith(suffix) && host.length() > suffix.length()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The origin of a URL, with the default port left out. */
    public static String of(String url) {
        try {
            URI u = new URI(url);
            if (u.getScheme() == null || u.getHost() == null) {
                throw new UsageException("invalid URL '" + url + "'", "use a full URL such as https://api.example.com");
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            throw new UsageException("invalid URL '" + url + "'", "use a full URL such as https://api.example.com");
        }
    }
}
