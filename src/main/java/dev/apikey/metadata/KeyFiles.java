package dev.apikey.metadata;

import dev.apikey.core.ApikeyException;
import dev.apikey.core.CorruptFileException;
import dev.apikey.core.KeyRef;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A directory of one JSON file per key (the journal's {@code journal/}, the recovery files' {@code recovery/}): the one
 * place that names a key's file, and that checks a file read for a key is that key's.
 *
 * <p>A file is named by the provider and key names joined by {@code +}, which no name contains, in lower case; a ref
 * with capital letters ends in {@code @} and a hexadecimal number whose bits mark their places. {@code openai/ci-bot}
 * is {@code openai+ci-bot.json}, {@code acme/CI} is {@code acme+ci@60.json}. So two refs never share a file, not even
 * on the case-insensitive file systems of macOS and Windows, and the longest name (64 + 1 + 64 characters, a
 * 33-digit number) leaves room for the temporary file of an atomic write within the 255 a file name may have.
 *
 * <p>apikey wrote {@code provider__name.json} before, which two refs could share ({@code a/b__c} and {@code a__b/c}:
 * {@code _} is a name character). Such a file is still found for the key it names, and retired once that key's
 * file is written or done with; for the other key it is none of its business.
 */
final class KeyFiles<T> {
    private static final String EXTENSION = ".json";
    private static final char SEPARATOR = '+';
    private static final char CAPITALS = '@';

    private final Path directory;
    private final String what;
    private final Parser<T> parser;
    private final Function<T, KeyRef> refOf;

    /**
     * @param what   the kind of file, for messages: "journal entry", "recovery file"
     * @param parser how a file's bytes become its content
     * @param refOf  the key a content names; a failure makes the file corrupt, as a parser's does
     */
    KeyFiles(Path directory, String what, Parser<T> parser, Function<T, KeyRef> refOf) {
        this.directory = directory;
        this.what = what;
        this.parser = parser;
        this.refOf = refOf;
    }

    /** How a file's bytes become its content. */
    interface Parser<T> {
        T parse(byte[] bytes) throws IOException;
    }

    /** A key's file and what it holds. */
    record Found<T>(Path file, T content) {
    }

    private record Parsed<T>(T content, KeyRef ref) {
    }

    /** Where the key's file is written. */
    Path of(KeyRef ref) {
        return directory.resolve(fileName(ref));
    }

    /** The file name of a key's file: the ref in a form no other ref has, case aside. */
    static String fileName(KeyRef ref) {
        String text = ref.provider() + SEPARATOR + ref.name();
        StringBuilder name = new StringBuilder(text.length() + EXTENSION.length());
        BigInteger capitals = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                capitals = (capitals == null ? BigInteger.ZERO : capitals).setBit(i);
                c = Character.toLowerCase(c);
            }
            name.append(c);
        }
        if (capitals != null) {
            name.append(CAPITALS).append(capitals.toString(16));
        }
        return name.append(EXTENSION).toString();
    }

    /** Where an earlier apikey kept the key's file, and perhaps another key's. */
    Path legacy(KeyRef ref) {
        return legacy(ref, EXTENSION);
    }

    /** Where an earlier apikey kept a file of the key with this extension. */
    Path legacy(KeyRef ref, String extension) {
        return directory.resolve(ref.provider() + "__" + ref.name() + extension);
    }

    /** Whether a file is named as apikey names them now, else as an earlier apikey did. */
    private static boolean current(Path file) {
        return file.getFileName().toString().indexOf(SEPARATOR) >= 0;
    }

    /**
     * The key's file: the one of its name, else one an earlier apikey wrote that names this key.
     *
     * @throws CorruptFileException when the file of its name cannot be read as one, or holds another key's: it is
     *                              never acted on as this key's (nor as that one's, which has a file of its own)
     */
    Optional<Found<T>> read(KeyRef ref) {
        Path file = of(ref);
        Optional<Parsed<T>> parsed = parse(file);
        if (parsed.isPresent()) {
            requireFor(file, parsed.get().ref(), ref);
            return Optional.of(new Found<>(file, parsed.get().content()));
        }
        Path legacy = legacy(ref);
        return parse(legacy).filter(p -> p.ref().equals(ref)).map(p -> new Found<>(legacy, p.content()));
    }

    /**
     * A listed file's content, checked to be where the key it names keeps its file.
     *
     * @return empty when the file is gone meanwhile
     * @throws CorruptFileException when it cannot be read as one, or is not where that key's file is
     */
    Optional<T> readListed(Path file) {
        Optional<Parsed<T>> parsed = parse(file);
        parsed.ifPresent(p -> requireFor(file, p.ref(), p.ref()));
        return parsed.map(Parsed::content);
    }

    /**
     * The key's file, if it has one: of its name, else of the earlier layout. Only a file of the earlier layout, which
     * may be another key's, is read to tell; the key's own is not.
     */
    Optional<Path> existing(KeyRef ref) {
        Path file = of(ref);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(file);
        }
        Path legacy = legacy(ref);
        return Files.exists(legacy, LinkOption.NOFOLLOW_LINKS) && parse(legacy).filter(p -> p.ref().equals(ref)).isPresent()
                ? Optional.of(legacy) : Optional.empty();
    }

    /** Whether the file a listed one names is of the earlier layout, beside a current one of the same key. */
    boolean supersededLegacy(Path file, KeyRef named) {
        return !current(file) && Files.exists(of(named), LinkOption.NOFOLLOW_LINKS);
    }

    /** Deletes the key's file, and one an earlier apikey wrote for it. */
    void delete(KeyRef ref) {
        deleteIfExists(of(ref));
        retireLegacy(ref);
    }

    /** Deletes the file an earlier apikey wrote for the key, if there is one and it is this key's. */
    void retireLegacy(KeyRef ref) {
        Path legacy = legacy(ref);
        if (parse(legacy).filter(p -> p.ref().equals(ref)).isPresent()) {
            deleteIfExists(legacy);
        }
    }

    private void requireFor(Path file, KeyRef named, KeyRef asked) {
        Path expected = current(file) ? of(asked) : legacy(asked);
        if (!named.equals(asked) || !expected.getFileName().equals(file.getFileName())) {
            throw new CorruptFileException(file, "it holds the " + what + " of " + named
                    + (named.equals(asked) ? ", whose file is " + of(named).getFileName() : ", not of " + asked));
        }
    }

    private Optional<Parsed<T>> parse(Path file) {
        byte[] bytes;
        try {
            bytes = ConfigFiles.read(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ApikeyException("cannot read " + file + ": " + AtomicFile.describe(e), null, e);
        }
        try {
            T content = parser.parse(bytes);
            return Optional.of(new Parsed<>(content, Objects.requireNonNull(refOf.apply(content), "no ref")));
        } catch (IOException | RuntimeException e) {
            // It may hold the one copy of a secret: reported with its path and left for the user, never skipped.
            throw new CorruptFileException(file, "not a " + what);
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ApikeyException("cannot delete " + file + ": " + AtomicFile.describe(e),
                    "delete it by hand once 'apikey list' shows the key as you expect", e);
        }
    }
}
