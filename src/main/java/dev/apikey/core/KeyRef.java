package dev.apikey.core;

import java.util.Locale;

/** A key's reference: {@code PROVIDER/NAME}. */
public record KeyRef(String provider, String name) implements Comparable<KeyRef> {

    public KeyRef {
        Names.require("provider", provider);
        Names.require("key", name);
    }

    public static KeyRef parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0 || text.indexOf('/', slash + 1) >= 0) {
            throw new UsageException("invalid key reference '" + Names.printable(text) + "': expected PROVIDER/NAME",
                    "for example: local/my-service or openai/ci-bot");
        }
        return new KeyRef(text.substring(0, slash), text.substring(slash + 1));
    }

    /**
     * The environment variable that overrides this key's secret: the ref upper-cased, every character
     * outside A-Z0-9 turned into '_'.
     */
    public String overrideVariable() {
        return "APIKEY_SECRET_" + toVariablePart(toString());
    }

    /** Upper-cases and replaces every character outside A-Z0-9 by '_'. */
    public static String toVariablePart(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
            b.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return b.toString();
    }

    @Override
    public int compareTo(KeyRef o) {
        int c = provider.compareTo(o.provider);
        return c != 0 ? c : name.compareTo(o.name);
    }

    // equals and hashCode are written out, as in Origin: a record's generated ones are linked at their first
    // call through java.lang.runtime.ObjectMethods, which spins a dozen method-handle classes (~10 ms of
    // exec's and request's start-up) that no AOT or CDS archive keeps. ClassLoadIT guards the hot commands.
    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRef other && provider.equals(other.provider) && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return 31 * provider.hashCode() + name.hashCode();
    }

    @Override
    public String toString() {
        return provider + "/" + name;
    }
}
