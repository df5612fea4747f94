package dev.apikey.store;

import dev.apikey.core.BindingStore;
import dev.apikey.core.KeyRef;
import dev.apikey.core.Secret;
import dev.apikey.core.SecretId;
import dev.apikey.core.SecretStore;
import dev.apikey.metadata.JsonStreams;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Bindings as store entries: service {@code apikey-binding}, account the ref, value a JSON array of
 * origins.
 */
public final class BindingEntries implements BindingStore {
    public static final String SERVICE = "apikey-binding";

    static SecretId id(KeyRef ref) {
        return new SecretId(SERVICE, ref.toString());
    }

    @Override
    public void write(SecretStore store, KeyRef ref, List<String> origins) {
        store.put(id(ref), Secret.of(JsonStreams.stringArray(origins)));
    }

    @Override
    public Optional<List<String>> read(SecretStore store, KeyRef ref) {
        Optional<Secret> raw = store.get(id(ref));
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonStreams.parseStringArray(raw.get().reveal()));
        } catch (IOException e) {
            throw new UnreadableException("the binding recorded for " + ref + " is not a JSON array of origins");
        }
    }

    @Override
    public boolean delete(SecretStore store, KeyRef ref) {
        return store.delete(id(ref));
    }
}
