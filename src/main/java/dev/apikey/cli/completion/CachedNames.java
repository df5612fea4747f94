package dev.apikey.cli.completion;

import dev.apikey.core.PolicyException;
import dev.apikey.metadata.ConfigFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names in a {@code names.cache} ({@code key PROVIDER/NAME} and {@code provider NAME} lines), read
 * the way the completion scripts read them: a missing or unreadable cache, or one that is a symbolic
 * link, has no names.
 */
public record CachedNames(List<String> refs, List<String> providers) {

    public static CachedNames read(Path cache) {
        List<String> lines;
        try {
            lines = new String(ConfigFiles.read(cache), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException | PolicyException e) {
            return new CachedNames(List.of(), List.of());
        }
        List<String> refs = new ArrayList<>();
        Set<String> providers = new LinkedHashSet<>();
        for (String line : lines) {
            if (line.startsWith("key ")) {
                String ref = line.substring(4);
                refs.add(ref);
                int slash = ref.indexOf('/');
                if (slash > 0) {
                    providers.add(ref.substring(0, slash));
                }
            } else if (line.startsWith("provider ")) {
                providers.add(line.substring(9));
            }
        }
        return new CachedNames(refs, List.copyOf(providers));
    }

    /** Providers of the cache and its keys, then the built-in types, each once. */
    public List<String> providersAnd(List<String> providerTypes) {
        Set<String> all = new LinkedHashSet<>(providers);
        all.addAll(providerTypes);
        return List.copyOf(all);
    }
}
