package dev.apikey.metadata;

import dev.apikey.core.ApikeyException;
import dev.apikey.core.CorruptFileException;
import dev.apikey.core.KeyRef;
import dev.apikey.core.RecoveryFiles;
import dev.apikey.core.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The recovery files as 0600 JSON files in the config directory's {@code recovery/}. */
public final class RecoveryFileDirectory implements RecoveryFiles {
    private final Path directory;

    public RecoveryFileDirectory(ConfigDirectory config) {
        this.directory = config.recoveryDirectory();
    }

    @Override
    public Path save(KeyRef ref, String id, Secret secret, Instant createdAt, Instant expiresAt, String reason) {
        ConfigFiles.refuseLink(directory);
        Path file = fileFor(ref);
        byte[] json;
        try {
            json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(
                    new Recovered(ref.toString(), id, secret.reveal(), createdAt, expiresAt, reason));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        AtomicFile.write(file, json);
        return file;
    }

    @Override
    public List<Path> list() {
        List<Path> files = new ArrayList<>();
        ConfigFiles.refuseLink(directory);
        try (Stream<Path> s = Files.list(directory)) {
            s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(files::add);
        } catch (NoSuchFileException e) {
            return files;
        } catch (IOException e) {
            throw new ApikeyException("cannot list " + directory + ": " + AtomicFile.describe(e));
        }
        return files;
    }

    /** The key a recovery file belongs to, from its content; empty when it was consumed meanwhile. */
    @Override
    public Optional<KeyRef> refOf(Path file) {
        try {
            return Optional.of(KeyRef.parse(Json.mapper().readValue(ConfigFiles.read(file), Recovered.class).ref()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // It may hold the one copy of a secret: reported with its path and left for the user, never skipped.
            throw new CorruptFileException(file, "not a recovery file");
        }
    }

    @Override
    public boolean exists(KeyRef ref) {
        ConfigFiles.refuseLink(directory);
        return Files.exists(fileFor(ref), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public Optional<Recovered> read(KeyRef ref) {
        ConfigFiles.refuseLink(directory);
        Path file = fileFor(ref);
        try {
            return Optional.of(Json.mapper().readValue(ConfigFiles.read(file), Recovered.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CorruptFileException(file, "not a recovery file");
        }
    }

    @Override
    public void delete(KeyRef ref) {
        // With the file goes the claim an earlier apikey wrote beside it while consuming it: that guarded nothing.
        for (Path file : List.of(fileFor(ref), claimFor(ref))) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new ApikeyException("cannot delete " + file + ": " + AtomicFile.describe(e));
            }
        }
    }

    /** Where an earlier apikey marked a recovery file as being consumed (a journal entry does that now); {@link #list} skips it. */
    private Path claimFor(KeyRef ref) {
        return directory.resolve(ref.provider() + "__" + ref.name() + ".claim");
    }

    @Override
    public Path fileFor(KeyRef ref) {
        return directory.resolve(ref.provider() + "__" + ref.name() + ".json");
    }
}
