package dev.apikey.metadata;

import dev.apikey.core.ApikeyException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises writers of one config directory, across processes (an OS file lock on {@code .lock})
 * and across threads of this process. Reentrant: code holding the lock may take it again.
 */
public final class DirectoryLock implements AutoCloseable {
    /*
     * An OS file lock belongs to the whole JVM: a second FileChannel.lock() from this process on the
     * same file fails instead of waiting. So the in-process side must be process-wide too, one
     * ReentrantLock per directory, taken before the file lock. This is the one static registry in
     * apikey, and it mirrors a process-wide resource.
     */
    private static final Map<Path, Held> HELD = new ConcurrentHashMap<>();

    private final Held held;

    private DirectoryLock(Held held) {
        this.held = held;
    }

    public static DirectoryLock acquire(Path directory) {
        AtomicFile.ensureDirectory(directory);
        Path key = directory.toAbsolutePath().normalize();
        Held held = HELD.computeIfAbsent(key, Held::new);
        held.threadLock.lock();
        if (held.threadLock.getHoldCount() == 1) {
            try {
                held.open();
            } catch (RuntimeException e) {
                held.threadLock.unlock();
                throw e;
            }
        }
        return new DirectoryLock(held);
    }

    @Override
    public void close() {
        try {
            if (held.threadLock.getHoldCount() == 1) {
                held.release();
            }
        } finally {
            held.threadLock.unlock();
        }
    }

    private static final class Held {
        final Path lockFile;
        final ReentrantLock threadLock = new ReentrantLock();
        FileChannel channel;
        FileLock fileLock;

        Held(Path directory) {
            this.lockFile = directory.resolve(".lock");
        }

        void open() {
            try {
                if (AtomicFile.POSIX && !Files.exists(lockFile)) {
                    try {
                        Files.createFile(lockFile, AtomicFile.fileAttributes());
                    } catch (java.nio.file.FileAlreadyExistsException raced) {
                        // another process created it first
                    }
                }
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS); // never through a symbolic link
                fileLock = channel.lock();
            } catch (IOException e) {
                closeQuietly();
                throw new ApikeyException("cannot lock " + lockFile + ": " + AtomicFile.describe(e),
                        "check that the config directory is writable", e);
            }
        }

        void release() {
            try {
                if (fileLock != null) {
                    fileLock.release();
                }
            } catch (IOException ignored) {
                // closing the channel below releases it too
            } finally {
                closeQuietly();
            }
        }

        private void closeQuietly() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // nothing left to do with a lock file we could not close
            }
            channel = null;
            fileLock = null;
        }
    }
}
