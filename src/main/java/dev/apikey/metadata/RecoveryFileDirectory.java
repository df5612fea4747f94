package dev.apikey.metadata;

import dev.apikey.core.KeyRef;
import dev.apikey.core.RecoveryFiles;
import dev.apikey.core.Secret;
import java.io.IOException;
import java.nio.file.Files;
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
            throw new dev.apikey.core.ApikeyException("cannot list " + directory + ": " + AtomicFile.describe(e));
        }
        return files;
    }

    /** The key a recovery file belongs to, from its content. */
    @Override
    public Optional<KeyRef> refOf(Path file) {
        try {
            return Optional.of(KeyRef.parse(Json.mapper().readValue(ConfigFiles.read(file), Recovered.class).ref()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
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
            throw new dev.apikey.core.CorruptFileException(file, "not a recovery file");
        }
    }

    @Override
    public void delete(KeyRef ref) {
        try {
            Files.deleteIfExists(fileFor(ref));
        } catch (IOException e) {
            throw new dev.apikey.core.ApikeyException("cannot delete " + fileFor(ref) + ": " + AtomicFile.describe(e));
        }
    }

    @Override
    public Path fileFor(KeyRef ref) {
        return directory.resolve(ref.provider() + "__" + ref.name() + ".json");
    }
}
