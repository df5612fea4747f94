package dev.apikey.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * The collections that repeated options and parameters collect into, as picocli's default factory makes them,
 * and that factory itself only when picocli needs it for anything else (its annotated help command). Its class
 * initialiser looks for Groovy on the class path, and a class the class path does not have makes the JVM open
 * and index the whole jar (9,600 entries), which the start-up archives otherwise spare every command: 8 ms of
 * a packaged {@code list}.
 */
final class DefaultFactoryWhenNeeded implements CommandLine.IFactory {
    private CommandLine.IFactory factory;

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        if (cls == List.class) {
            return cls.cast(new ArrayList<>());
        }
        if (cls == Set.class) {
            return cls.cast(new LinkedHashSet<>());
        }
        if (cls == Map.class) {
            return cls.cast(new LinkedHashMap<>());
        }
        if (factory == null) {
            factory = CommandLine.defaultFactory();
        }
        return factory.create(cls);
    }
}
