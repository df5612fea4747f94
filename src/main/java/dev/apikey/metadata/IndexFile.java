package dev.apikey.metadata;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.apikey.core.ApikeyException;
import dev.apikey.metadata.JsonFields.MalformedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A versioned JSON document holding one array of entries keyed by name ({@code keys.json},
 * {@code providers.json}): read once per process, changed as a transaction under the directory lock,
 * replaced atomically, and reported (never replaced) when corrupt.
 */
final class IndexFile<K extends Comparable<K>, V> {
    private static final int VERSION = 1;

    private final ConfigDirectory directory;
    private final JsonFile<TreeMap<K, V>> file;
    private final String field;
    private final MetadataJson.Codec<V> codec;
    private final Function<V, K> keyOf;
    private final Predicate<V> complete;
    private final Runnable afterChange;
    private TreeMap<K, V> snapshot;

    /**
     * @param field       the document's array field
     * @param complete    whether an entry has the fields every reader relies on
     * @param afterChange runs inside the lock after each change that wrote the file
     */
    IndexFile(ConfigDirectory directory, Path path, String field, MetadataJson.Codec<V> codec,
              Function<V, K> keyOf, Predicate<V> complete, Runnable afterChange) {
        this.directory = directory;
        this.file = new JsonFile<>(path, this::read, this::write);
        this.field = field;
        this.codec = codec;
        this.keyOf = keyOf;
        this.complete = complete;
        this.afterChange = afterChange;
    }

    synchronized List<V> all() {
        return List.copyOf(load().values());
    }

    synchronized Optional<V> find(K key) {
        return Optional.ofNullable(load().get(key));
    }

    <T> T update(Function<SortedMap<K, V>, T> change) {
        // The directory lock first, then this object: the order every other holder of both uses (a
        // journal claim reads the index inside the lock), so that parallel rotations cannot deadlock.
        try (DirectoryLock lock = directory.lock()) {
            synchronized (this) {
                return updateLocked(change);
            }
        }
    }

    private <T> T updateLocked(Function<SortedMap<K, V>, T> change) {
        TreeMap<K, V> current = readFromDisk();
        TreeMap<K, V> next = new TreeMap<>(current);
        T result = change.apply(next);
        boolean changed = !next.equals(current);
        if (changed) {
            file.write(next);
        }
        snapshot = next;
        if (changed) {
            afterChange.run();
        }
        return result;
    }

    private TreeMap<K, V> load() {
        if (snapshot == null) {
            snapshot = readFromDisk();
        }
        return snapshot;
    }

    private TreeMap<K, V> readFromDisk() {
        return file.read().orElseGet(TreeMap::new);
    }

    private void write(JsonGenerator g, TreeMap<K, V> entries) throws IOException {
        g.writeStartObject();
        g.writeNumberField("version", VERSION);
        g.writeArrayFieldStart(field);
        for (V v : entries.values()) {
            codec.write(g, v);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The document: an object with a {@code version} and the array of entries; other fields are ignored. */
    private TreeMap<K, V> read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedException("not a JSON object");
        }
        int version = -1;
        TreeMap<K, V> map = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("version")) {
                version = value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT ? p.getIntValue() : -1;
            } else if (name.equals(field) && value == JsonToken.START_ARRAY) {
                map = entries(p);
            } else {
                p.skipChildren();
            }
        }
        if (version > VERSION) {
            throw new MalformedException("written by a newer apikey (version " + version + ")");
        }
        if (version < 1 || map == null) {
            throw new MalformedException("no 'version' or no '" + field + "' array");
        }
        return map;
    }

    private TreeMap<K, V> entries(JsonParser p) throws IOException {
        TreeMap<K, V> map = new TreeMap<>();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            V v;
            try {
                v = codec.read(JsonFields.read(p));
            } catch (MalformedException | ApikeyException e) {
                // e.g. an invalid ref, an instant that is not one: never the value itself
                throw new MalformedException(field + "[" + i + "] is not a valid entry");
            }
            if (v == null || !complete.test(v)) {
                throw new MalformedException(field + "[" + i + "] lacks required fields");
            }
            if (map.put(keyOf.apply(v), v) != null) {
                throw new MalformedException(field + "[" + i + "] repeats " + keyOf.apply(v));
            }
            i++;
        }
        return map;
    }
}
