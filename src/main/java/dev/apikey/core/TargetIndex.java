package dev.apikey.core;

import java.util.List;
import java.util.SortedMap;
import java.util.function.Function;

/** The targets this machine delivers keys to, with their last writes (never secrets). */
public interface TargetIndex {

    /** All targets, sorted by key and destination. */
    List<Target> all();

    default List<Target> of(KeyRef ref) {
        return all().stream().filter(t -> t.ref().equals(ref)).toList();
    }

    /** Applies a change as one transaction (serialised between invocations, replaced atomically), by {@link Target#id()}. */
    <T> T update(Function<SortedMap<String, Target>, T> change);
}
