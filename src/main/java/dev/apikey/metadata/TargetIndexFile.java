package dev.apikey.metadata;

import dev.apikey.core.Target;
import dev.apikey.core.TargetIndex;
import java.util.List;
import java.util.SortedMap;
import java.util.function.Function;

/** The targets as {@code targets.json} in the config directory, changed under the directory lock. */
public final class TargetIndexFile implements TargetIndex {
    private final IndexFile<String, Target> file;

    public TargetIndexFile(ConfigDirectory directory) {
        this.file = new IndexFile<>(directory, directory.targetsFile(), "targets", MetadataJson.TARGET, Target::id,
                t -> t.ref() != null && t.destination() != null && t.name() != null, () -> { });
    }

    @Override
    public List<Target> all() {
        return file.all();
    }

    @Override
    public <T> T update(Function<SortedMap<String, Target>, T> change) {
        return file.update(change);
    }
}
