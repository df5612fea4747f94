package dev.apikey.provider.declarative;

import okhttp3.HttpUrl;

/** Path templates: each value is encoded as one path segment, so an id with a '/' cannot change the path. */
final class Paths {
    private Paths() {
    }

    /** The path with its values encoded, or null when a value is missing. */
    static String render(Template t, Scope scope) {
        StringBuilder b = new StringBuilder();
        for (Template.Part p : t.parts()) {
            if (!p.placeholder()) {
                b.append(p.text());
                continue;
            }
            Object v = Renderer.placeholder(p.choices(), scope);
            if (v == null) {
                return null;
            }
            b.append(segment(Renderer.text(v, scope)));
        }
        return b.toString();
    }

    /** Percent-encodes a value as a path segment (RFC 3986 unreserved characters stay as they are). */
    static String segment(String value) {
        // HttpUrl encodes a segment the way a server decodes it; '/' and '?' become %2F and %3F.
        return HttpUrl.get("http://x/").newBuilder().addPathSegment(value).build().encodedPath().substring(1);
    }
}
