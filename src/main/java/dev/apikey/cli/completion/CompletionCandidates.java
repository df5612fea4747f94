package dev.apikey.cli.completion;

import dev.apikey.store.Backends;
import java.util.Iterator;
import java.util.List;

/**
 * Values for picocli's {@code completionCandidates}, naming what completes an argument. Most parameters
 * need none: a parameter labelled {@code REF} completes key refs and one labelled {@code PROVIDER}
 * provider names (see {@link CompletionModel}); these are for the rest.
 */
public final class CompletionCandidates {
    private CompletionCandidates() {
    }

    /** Candidates the completion script finds at TAB time; picocli itself sees none. */
    public abstract static class Dynamic implements Iterable<String> {
        private final ValueCompletion.Kind kind;

        Dynamic(ValueCompletion.Kind kind) {
            this.kind = kind;
        }

        public ValueCompletion.Kind kind() {
            return kind;
        }

        @Override
        public Iterator<String> iterator() {
            return List.<String>of().iterator();
        }
    }

    /** An existing key. */
    public static final class KeyRefs extends Dynamic {
        public KeyRefs() {
            super(ValueCompletion.Kind.KEY_REF);
        }
    }

    /** A key that does not exist yet: completes its provider part. */
    public static final class NewKeyRefs extends Dynamic {
        public NewKeyRefs() {
            super(ValueCompletion.Kind.NEW_KEY_REF);
        }
    }

    /** An existing provider, added or built in. */
    public static final class ProviderNames extends Dynamic {
        public ProviderNames() {
            super(ValueCompletion.Kind.PROVIDER);
        }
    }

    /**
     * A provider type: the scripts list the types this apikey was built with. A marker, like
     * {@link Dynamic}: {@link CompletionModel} puts in the types of the table it is given.
     */
    public static final class ProviderTypeNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return java.util.Collections.emptyIterator();
        }
    }

    /** A secret store backend. */
    public static final class BackendNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Backends.ALL.iterator();
        }
    }
}
