package dev.apikey.metadata;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apikey.core.ApikeyException;
import dev.apikey.core.CorruptFileException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
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
    private final java.nio.file.Path path;
    private final String field;
    private final Class<V> type;
    private final Function<V, K> keyOf;
    private final Predicate<V> complete;
    private final Runnable afterChange;
    private TreeMap<K, V> snapshot;

    /**
     * @param field       the document's array field
     * @param complete    whether an entry has the fields every reader relies on
     * @param afterChange runs inside the lock after each change that wrote the file
     */
    IndexFile(ConfigDirectory directory, java.nio.file.Path path, String field, Class<V> type, Function<V, K> keyOf,
              Predicate<V> complete, Runnable afterChange) {
        this.directory = directory;
        this.path = path;
        this.field = field;
        this.type = type;
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
            write(next);
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

    private void write(TreeMap<K, V> entries) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("version", VERSION);
        ArrayNode array = doc.putArray(field);
        entries.values().forEach(v -> array.add(Json.mapper().valueToTree(v)));
        try {
            AtomicFile.write(path, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise " + path.getFileName(), e);
        }
    }

    private TreeMap<K, V> readFromDisk() {
        TreeMap<K, V> map = new TreeMap<>();
        JsonNode doc;
        try {
            byte[] bytes = ConfigFiles.read(path); // first: a missing file needs no JSON machinery
            doc = Json.mapper().readTree(bytes);
        } catch (NoSuchFileException e) {
            return map;
        } catch (JacksonException e) {
            var loc = e.getLocation();
            throw new CorruptFileException(path, "not valid JSON"
                    + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ApikeyException("cannot read " + path + ": " + AtomicFile.describe(e), null, e);
        }
        if (doc == null || !doc.isObject()) {
            throw new CorruptFileException(path, "not a JSON object");
        }
        int version = doc.path("version").asInt(-1);
        if (version > VERSION) {
            throw new CorruptFileException(path, "written by a newer apikey (version " + version + ")");
        }
        if (version < 1 || !doc.path(field).isArray()) {
            throw new CorruptFileException(path, "no 'version' or no '" + field + "' array");
        }
        int i = 0;
        for (JsonNode node : doc.get(field)) {
            V v;
            try {
                v = Json.mapper().treeToValue(node, type);
            } catch (JacksonException | ApikeyException e) {
                throw new CorruptFileException(path, field + "[" + i + "] is not a valid entry");
            }
            if (v == null || !complete.test(v)) {
                throw new CorruptFileException(path, field + "[" + i + "] lacks required fields");
            }
            if (map.put(keyOf.apply(v), v) != null) {
                throw new CorruptFileException(path, field + "[" + i + "] repeats " + keyOf.apply(v));
            }
            i++;
        }
        return map;
    }
}
