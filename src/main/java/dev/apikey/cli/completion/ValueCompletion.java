package dev.apikey.cli.completion;

import java.util.List;

/**
 * What completes the value of an option or positional parameter. The dynamic kinds (key refs,
 * provider names) are looked up at TAB time by the shell script in the name cache; the others are
 * fixed when the script is generated.
 */
public record ValueCompletion(Kind kind, List<String> words) {

    public enum Kind {
        /** Free text: nothing to offer. */
        NONE,
        /** An existing key's ref, {@code PROVIDER/NAME}, from the name cache. */
        KEY_REF,
        /** A new key's ref: the provider part, followed by {@code /}. */
        NEW_KEY_REF,
        /** A provider name: the cache's providers, those of its keys, and the built-in types. */
        PROVIDER,
        FILE,
        DIRECTORY,
        /** A command line to run (after {@code --}): a program, then whatever completes for it. */
        COMMAND,
        /** One of {@link #words()}. */
        WORDS
    }

    public static final ValueCompletion NONE = of(Kind.NONE);

    public ValueCompletion {
        words = List.copyOf(words);
    }

    public static ValueCompletion of(Kind kind) {
        return new ValueCompletion(kind, List.of());
    }

    public static ValueCompletion words(List<String> words) {
        return new ValueCompletion(Kind.WORDS, words);
    }
}
