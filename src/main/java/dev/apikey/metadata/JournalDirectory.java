package dev.apikey.metadata;

import com.fasterxml.jackson.core.JacksonException;
import dev.apikey.core.ApikeyException;
import dev.apikey.core.JournalEntry;
import dev.apikey.core.KeyRef;
import dev.apikey.core.RotationJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The rotation journal as one JSON file per key in {@code journal/}, each rewritten atomically (and
 * fsynced) at every step. Beginning an entry checks and creates its file under the directory lock,
 * so two processes can never both start changing the same key.
 */
public final class JournalDirectory implements RotationJournal {
    private final ConfigDirectory config;
    private final Path directory;
    private final KeyFiles<JournalEntry> files;
    private JournalEntry.Owner self;

    public JournalDirectory(ConfigDirectory config) {
        this.config = config;
        this.directory = config.journalDirectory();
        // The bytes first: when there is no entry (nearly always), the mapper is never built.
        this.files = new KeyFiles<>(directory, "journal entry", bytes -> Json.mapper().readValue(bytes, JournalEntry.class),
                JournalEntry::ref);
    }

    /**
     * This process as a journal entry's owner, made when first needed: commands that change no key never
     * ask, and so never pay for the process table or the random generator at start-up.
     */
    @Override
    public synchronized JournalEntry.Owner self() {
        if (self == null) {
            ProcessHandle me = ProcessHandle.current();
            // The invocation id tells this run from an earlier, crashed one in the same process (the shell).
            self = new JournalEntry.Owner(me.pid(), me.info().startInstant().orElse(Instant.EPOCH),
                    UUID.randomUUID().toString());
        }
        return self;
    }

    @Override
    public JournalEntry begin(KeyRef ref, Supplier<JournalEntry> fromCurrentState) {
        try (DirectoryLock lock = config.lock()) {
            requireNone(ref); // reads through find, which refuses a linked journal directory
            JournalEntry entry = fromCurrentState.get();
            if (!entry.ref().equals(ref)) {
                throw new IllegalArgumentException("an entry for " + entry.ref() + " begun as " + ref);
            }
            AtomicFile.ensureDirectory(directory);
            write(entry);
            return entry;
        }
    }

    @Override
    public Optional<JournalEntry> takeOver(KeyRef ref) {
        try (DirectoryLock lock = config.lock()) {
            ConfigFiles.refuseLink(directory);
            Optional<KeyFiles.Found<JournalEntry>> found = files.read(ref);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            JournalEntry entry = found.get().content();
            if (ownerAlive(entry)) {
                throw RotationJournal.inProgress(entry);
            }
            JournalEntry mine = entry.ownedBy(self());
            write(mine);
            if (!found.get().file().equals(files.of(ref))) {
                // An entry an earlier apikey wrote: it lives on under today's name, as this invocation's.
                files.retireLegacy(ref);
            }
            return Optional.of(mine);
        }
    }

    @Override
    public JournalEntry record(JournalEntry entry, JournalEntry.Step step) {
        JournalEntry next = entry.with(step);
        write(next);
        return next;
    }

    @Override
    public void finish(KeyRef ref) {
        files.delete(ref);
    }

    @Override
    public Optional<JournalEntry> find(KeyRef ref) {
        ConfigFiles.refuseLink(directory);
        return files.read(ref).map(KeyFiles.Found::content);
    }

    @Override
    public boolean isEmpty() {
        return entryFiles().isEmpty();
    }

    @Override
    public List<JournalEntry> all() {
        List<JournalEntry> entries = new ArrayList<>();
        for (Path f : entryFiles()) {
            files.readListed(f).filter(e -> !files.supersededLegacy(f, e.ref())).ifPresent(entries::add);
        }
        return entries;
    }

    /** The entries' files, sorted, unread; none when there is no journal directory yet. */
    private List<Path> entryFiles() {
        ConfigFiles.refuseLink(directory);
        try (Stream<Path> listed = Files.list(directory)) {
            return listed.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new ApikeyException("cannot read " + directory + ": " + AtomicFile.describe(e), null, e);
        }
    }

    @Override
    public boolean alive(JournalEntry.Owner owner) {
        if (owner.pid() == self().pid()) {
            return owner.invocation().equals(self().invocation());
        }
        return ProcessHandle.of(owner.pid())
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().startInstant().map(s -> s.equals(owner.processStart())).orElse(true))
                .orElse(false);
    }

    private void write(JournalEntry entry) {
        try {
            AtomicFile.write(files.of(entry.ref()), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(entry));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise a journal entry", e);
        }
    }

    /** Where the key's entry is written. */
    public Path path(KeyRef ref) {
        return files.of(ref);
    }

}
