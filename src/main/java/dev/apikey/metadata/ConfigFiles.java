package dev.apikey.metadata;

import dev.apikey.core.PolicyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Reading the files of the config directory, never through a symbolic link (SPEC §7): whoever can
 * plant a link there could otherwise feed apikey another file's keys, providers or secrets. The
 * file is opened with {@code O_NOFOLLOW}, so a link swapped in after any check is refused too.
 * Writes need no such guard: {@link AtomicFile} renames over a link, never writes through it.
 */
public final class ConfigFiles {
    private static final Set<OpenOption> READ_NO_LINK = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private ConfigFiles() {
    }

    /**
     * The whole file.
     *
     * @throws NoSuchFileException when there is none
     * @throws PolicyException     when it is a symbolic link (dangling or not)
     */
    public static byte[] read(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        }
    }

    /** The file as a stream, for files read line by line; the same refusals as {@link #read}. */
    public static InputStream open(Path file) throws IOException {
        try {
            return Channels.newInputStream(Files.newByteChannel(file, READ_NO_LINK));
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw e;
        } catch (IOException e) {
            // O_NOFOLLOW reports a link as ELOOP, which Java does not type; ask what it was.
            if (Files.isSymbolicLink(file)) {
                throw linked(file);
            }
            throw e;
        }
    }

    /**
     * Refuses a path of the config directory that is a symbolic link: a subdirectory ({@code journal/},
     * {@code recovery/}), whose files {@link #read} would otherwise reach through it, or a file another
     * library opens (JLine's history).
     */
    public static void refuseLink(Path path) {
        if (Files.isSymbolicLink(path)) {
            throw linked(path);
        }
    }

    private static PolicyException linked(Path path) {
        return new PolicyException(path + " is a symbolic link; apikey never reads or writes a file of its config"
                + " directory through one", "put the file itself in its place, or use a config directory of your own"
                + " (--config-dir or APIKEY_CONFIG_DIR)");
    }
}
