package dev.apikey.metadata;

import dev.apikey.core.ApikeyException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a reader sees the old content or the new, never a torn mix: a temporary file
 * in the same directory, fsync, rename over the target, fsync of the directory. Files are created
 * readable by their owner only.
 */
public final class AtomicFile {
    static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private AtomicFile() {
    }

    public static void write(Path target, byte[] content) {
        Path dir = target.toAbsolutePath().getParent();
        ensureDirectory(dir);
        Path tmp = null;
        try {
            tmp = POSIX
                    ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp", fileAttributes())
                    : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new ApikeyException("cannot write " + target + ": " + describe(e),
                    "check that the directory is writable and the disk is not full", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed; a stray temporary file is the lesser problem
                }
            }
        }
    }

    /** Creates the directory (and parents) with owner-only permissions when it does not exist. */
    public static void ensureDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            if (POSIX) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
                // createDirectories applies the umask; make the leaf exactly 0700.
                Files.setPosixFilePermissions(dir, OWNER_DIR);
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new ApikeyException("cannot create " + dir + ": " + describe(e), null, e);
        }
    }

    static FileAttribute<Set<PosixFilePermission>> fileAttributes() {
        return PosixFilePermissions.asFileAttribute(OWNER_FILE);
    }

    private static void syncDirectory(Path dir) {
        if (!POSIX) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // not every file system lets a directory be synced; the rename itself is already atomic
        }
    }

    static String describe(IOException e) {
        String type = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? type : type + " " + e.getMessage();
    }
}
