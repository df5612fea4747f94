package dev.apikey.metadata;

import dev.apikey.core.ApikeyException;
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
    private final KeyFiles<Recovered> files;

    public RecoveryFileDirectory(ConfigDirectory config) {
        this.directory = config.recoveryDirectory();
        this.files = new KeyFiles<>(directory, "recovery file", bytes -> Json.mapper().readValue(bytes, Recovered.class),
                RecoveryFileDirectory::refOf);
    }

    @Override
    public Path save(KeyRef ref, String id, Secret secret, Instant createdAt, Instant expiresAt, String reason) {
        ConfigFiles.refuseLink(directory);
        Path file = files.of(ref);
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
        List<Path> listed = new ArrayList<>();
        ConfigFiles.refuseLink(directory);
        try (Stream<Path> s = Files.list(directory)) {
            s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(listed::add);
        } catch (NoSuchFileException e) {
            return listed;
        } catch (IOException e) {
            throw new ApikeyException("cannot list " + directory + ": " + AtomicFile.describe(e));
        }
        return listed;
    }

    /** The key a recovery file belongs to, from its content; empty when it was consumed meanwhile. */
    @Override
    public Optional<KeyRef> refOf(Path file) {
        return files.readListed(file).map(RecoveryFileDirectory::refOf);
    }

    @Override
    public Optional<Path> existing(KeyRef ref) {
        ConfigFiles.refuseLink(directory);
        return files.existing(ref);
    }

    @Override
    public Optional<Recovered> read(KeyRef ref) {
        ConfigFiles.refuseLink(directory);
        return files.read(ref).map(KeyFiles.Found::content);
    }

    @Override
    public void delete(KeyRef ref) {
        ConfigFiles.refuseLink(directory);
        files.delete(ref);
        // With the file goes the claim an earlier apikey wrote beside it while consuming it: it guards nothing now
        // (a journal entry does), and list never shows it.
        Path claim = files.legacy(ref, ".claim");
        try {
            Files.deleteIfExists(claim);
        } catch (IOException e) {
            throw new ApikeyException("cannot delete " + claim + ": " + AtomicFile.describe(e));
        }
    }

    @Override
    public Path fileFor(KeyRef ref) {
        return files.of(ref);
    }

    private static KeyRef refOf(Recovered r) {
        return KeyRef.parse(r.ref());
    }
}
