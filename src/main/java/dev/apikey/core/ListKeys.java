package dev.apikey.core;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code apikey list}: the keys here, and with {@code --remote} the provider's own list merged in.
 * Remote keys stream through: a provider with 10,000 keys is never held in memory at once.
 */
public final class ListKeys {
    private final Workspace ws;
    /** Whether the journal holds no entry, asked on the first status. */
    private Boolean journalEmpty;

    public ListKeys(Workspace ws) {
        this.ws = ws;
    }

    /** How a key here relates to the provider's list. */
    public enum RemoteState {
        /** Here and at the provider. */
        TRACKED,
        /** At the provider, with no secret here. */
        UNTRACKED,
        /** Here, gone at the provider. */
        MISSING;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One row: a local record, a remote key, or both; {@code remote} is null without {@code --remote}. */
    public record Entry(KeyRef ref, KeyRecord local, RemoteKey remoteKey, RemoteState remote) {
    }

    /**
     * A key's status, {@code rotating} while the journal holds an unfinished change of it. Each key's entry is looked
     * for only when the journal holds any (asked once per listing): a look for each key's entry, usually none and
     * each a failed open, cost a listing of 100 keys 5 ms.
     */
    public KeyStatus statusOf(KeyRecord record, java.time.Instant now) {
        if (journalEmpty == null) {
            journalEmpty = ws.journal().isEmpty();
        }
        return !journalEmpty && ws.journal().find(record.ref()).isPresent() ? KeyStatus.ROTATING : record.status(now);
    }

    /** Local keys, optionally of one provider. */
    public List<KeyRecord> local(String provider) {
        if (provider != null) {
            Names.require("provider", provider);
        }
        List<KeyRecord> keys = ws.keys().all().stream()
                .filter(r -> provider == null || r.ref().provider().equals(provider)).toList();
        if (provider != null && keys.isEmpty()) {
            ws.providers().config(provider); // a typo'd provider is "not found", not an empty list
        }
        return keys;
    }

    /**
     * Streams the merged listing of each provider in scope: tracked and untracked keys as the provider
     * pages them, then the local keys the provider no longer has.
     */
    public void remote(String provider, Consumer<Entry> each) {
        List<KeyRecord> local = local(provider);
        Set<String> providers = new LinkedHashSet<>();
        if (provider != null) {
            providers.add(provider);
        } else {
            local.forEach(r -> providers.add(r.ref().provider()));
        }
        for (String name : providers) {
            Provider p = ws.providers().get(name);
            List<KeyRecord> mine = local.stream().filter(r -> r.ref().provider().equals(name)).toList();
            if (!p.remote()) {
                mine.forEach(r -> each.accept(new Entry(r.ref(), r, null, RemoteState.TRACKED)));
                continue;
            }
            Map<String, KeyRecord> byId = new HashMap<>();
            for (KeyRecord r : mine) {
                if (r.id() != null) {
                    byId.put(r.id(), r);
                }
            }
            Set<String> seen = new java.util.HashSet<>();
            p.list(remoteKey -> {
                KeyRecord r = byId.get(remoteKey.id());
                if (r != null) {
                    seen.add(remoteKey.id());
                    each.accept(new Entry(r.ref(), r, remoteKey, RemoteState.TRACKED));
                } else {
                    each.accept(new Entry(untrackedRef(name, remoteKey), null, remoteKey, RemoteState.UNTRACKED));
                }
            });
            for (KeyRecord r : mine) {
                if (r.id() == null || !seen.contains(r.id())) {
                    each.accept(new Entry(r.ref(), r, null, RemoteState.MISSING));
                }
            }
        }
    }

    /** A ref for a remote key that has none here: its remote name when that is a valid name, else null. */
    private static KeyRef untrackedRef(String provider, RemoteKey k) {
        return k.name() != null && Names.isValid(k.name()) ? new KeyRef(provider, k.name()) : null;
    }
}
