package dev.apikey.core;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;

/** The keys this machine knows, with their metadata (never secrets). */
public interface KeyIndex {

    /** All keys, sorted by ref. */
    List<KeyRecord> all();

    Optional<KeyRecord> find(KeyRef ref);

    default KeyRecord require(KeyRef ref) {
        return find(ref).orElseThrow(() -> new NotFoundException("no key " + ref + " here",
                "run 'apikey list' to see your keys"));
    }

    /**
     * The key's record as the index holds it now, read afresh (not the snapshot this process read
     * earlier): for deciding a change from state no other process can have changed since.
     */
    default KeyRecord requireCurrent(KeyRef ref) {
        KeyRecord current = update(keys -> keys.get(ref));
        if (current == null) {
            return require(ref); // the same "no such key" error
        }
        return current;
    }

    /**
     * Applies a change to the whole index as one transaction: concurrent invocations are serialised,
     * and the file is replaced atomically.
     */
    <T> T update(Function<SortedMap<KeyRef, KeyRecord>, T> change);
}
