package dev.apikey.metadata;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The names shell completion offers, in {@code names.cache}: one {@code key PROVIDER/NAME} or
 * {@code provider NAME} line each. The completion scripts read it themselves, so a TAB press never
 * starts a JVM; it is rewritten atomically on every change to keys or providers.
 */
public final class NameCache {
    private final ConfigDirectory directory;

    public NameCache(ConfigDirectory directory) {
        this.directory = directory;
    }

    public void write(Collection<String> refs, Collection<String> providers) {
        StringBuilder b = new StringBuilder();
        for (String p : providers) {
            b.append("provider ").append(p).append('\n');
        }
        for (String r : refs) {
            b.append("key ").append(r).append('\n');
        }
        AtomicFile.write(directory.nameCache(), b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
