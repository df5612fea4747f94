package dev.apikey.metadata;

import com.fasterxml.jackson.core.JacksonException;
import dev.apikey.core.ActionNeededException;
import dev.apikey.core.ApikeyException;
import dev.apikey.core.CorruptFileException;
import dev.apikey.core.JournalEntry;
import dev.apikey.core.KeyRef;
import dev.apikey.core.RecoveryFiles;
import dev.apikey.core.RotationJournal;
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
    private final ConfigDirectory config;
    private final Path directory;

    /** Who consumes a recovery file: a {@code .claim} file beside it, which {@link #list} never shows. */
    private record Claim(JournalEntry.Owner owner) {
    }

    public RecoveryFileDirectory(ConfigDirectory config) {
        this.config = config;
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
    public Optional<Recovered> claim(KeyRef ref, RotationJournal journal) {
        try (DirectoryLock lock = config.lock()) {
            // A change begun since the caller looked owns the key now; its own resume consumes the file.
            journal.requireNone(ref);
            Optional<Recovered> found = read(ref);
            if (found.isEmpty()) {
                return found;
            }
            Path claimFile = claimFor(ref);
            Optional<Claim> held = readClaim(claimFile);
            if (held.isPresent() && journal.alive(held.get().owner())) {
                throw new ActionNeededException("a resume of " + ref + " is in progress (process "
                        + held.get().owner().pid() + ", started " + held.get().owner().processStart() + "): it is storing the secret"
                        + " from its recovery file", "wait for it to finish");
            }
            try {
                AtomicFile.write(claimFile, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(
                        new Claim(journal.self())));
            } catch (JacksonException e) {
                throw new IllegalStateException("cannot serialise a recovery claim", e);
            }
            return found;
        }
    }

    private static Optional<Claim> readClaim(Path claimFile) {
        try {
            return Optional.of(Json.mapper().readValue(ConfigFiles.read(claimFile), Claim.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JacksonException e) {
            throw new CorruptFileException(claimFile, "not a recovery file's claim");
        } catch (IOException e) {
            throw new ApikeyException("cannot read " + claimFile + ": " + AtomicFile.describe(e), null, e);
        }
    }

    @Override
    public void delete(KeyRef ref) {
        // The file first: a claim left by a crash between the two deletions guards nothing and is overwritten.
        for (Path file : List.of(fileFor(ref), claimFor(ref))) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new ApikeyException("cannot delete " + file + ": " + AtomicFile.describe(e));
            }
        }
    }

    private Path claimFor(KeyRef ref) {
        return directory.resolve(ref.provider() + "__" + ref.name() + ".claim");
    }

    @Override
    public Path fileFor(KeyRef ref) {
        return directory.resolve(ref.provider() + "__" + ref.name() + ".json");
    }
}
