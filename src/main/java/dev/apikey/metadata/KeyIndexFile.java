package dev.apikey.metadata;

import dev.apikey.core.KeyIndex;
import dev.apikey.core.KeyRecord;
import dev.apikey.core.KeyRef;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;

/** The key index as {@code keys.json} in the config directory. */
public final class KeyIndexFile implements KeyIndex {
    private final IndexFile<KeyRef, KeyRecord> file;

    /** @param afterChange runs inside the lock after every change (refreshes the name cache) */
    public KeyIndexFile(ConfigDirectory directory, Runnable afterChange) {
        this.file = new IndexFile<>(directory, directory.keysFile(), "keys", MetadataJson.KEY_RECORD, KeyRecord::ref,
                r -> r.ref() != null && r.backend() != null && r.createdAt() != null, afterChange);
    }

    @Override
    public List<KeyRecord> all() {
        return file.all();
    }

    @Override
    public Optional<KeyRecord> find(KeyRef ref) {
        return file.find(ref);
    }

    @Override
    public <T> T update(Function<SortedMap<KeyRef, KeyRecord>, T> change) {
        return file.update(change);
    }
}
