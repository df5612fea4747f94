package dev.apikey.agent;

import dev.apikey.core.PolicyException;
import dev.apikey.core.SecretStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Where the agent of one file store listens: {@code $XDG_RUNTIME_DIR/apikey/agent-HASH.sock}, the
 * hash naming the store file. Without {@code XDG_RUNTIME_DIR} (containers, CI, su sessions) the
 * directory is {@code ${TMPDIR:-/tmp}/apikey-UID}, as tmux does. Either way the directory must be a
 * real directory of this user with mode 0700, and the socket a socket of this user with mode 0600;
 * anything else is refused, never used and never silently replaced.
 */
public final class AgentSocket {
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    /** sun_path holds 108 bytes on Linux and 104 on macOS, the terminating NUL included. */
    private static final int MAX_PATH_BYTES = 103;

    private final Path directory;
    private final Path socket;
    private final int uid;

    AgentSocket(Path directory, Path socket, int uid) {
        this.directory = directory;
        this.socket = socket;
        this.uid = uid;
    }

    /** The agent socket for this store file. Reads the environment and this process's uid, nothing else. */
    public static AgentSocket forStore(Map<String, String> environment, Path storeFile) {
        int uid = OwnUser.uid();
        String runtime = environment.get("XDG_RUNTIME_DIR");
        Path directory;
        if (runtime != null && !runtime.isEmpty() && Path.of(runtime).isAbsolute()) {
            directory = Path.of(runtime).resolve("apikey");
        } else {
            String tmp = environment.get("TMPDIR");
            Path base = tmp != null && !tmp.isEmpty() && Path.of(tmp).isAbsolute() ? Path.of(tmp) : Path.of("/tmp");
            directory = base.resolve("apikey-" + uid);
        }
        return new AgentSocket(directory, directory.resolve("agent-" + storeId(storeFile) + ".sock"), uid);
    }

    public Path directory() {
        return directory;
    }

    public Path path() {
        return socket;
    }

    /** A socket file that is no agent's any more: removed before a new agent binds the name. */
    void removeStale() throws IOException {
        Files.deleteIfExists(socket);
    }

    /** Makes the private directory (0700) for a new agent, or checks the one there. */
    void prepareDirectory() {
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new SecretStoreException("the agent socket path " + socket + " is too long for a UNIX socket",
                    "set XDG_RUNTIME_DIR (or TMPDIR) to a shorter directory");
        }
        Path parent = directory.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new SecretStoreException("the directory " + parent + " for the agent socket does not exist",
                    "set XDG_RUNTIME_DIR to this user's runtime directory, or unset it");
        }
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // checked below, whoever made it
        } catch (UnsupportedOperationException e) {
            throw new SecretStoreException("apikey unlock needs a POSIX file system for its private socket", null, e);
        } catch (IOException e) {
            throw new SecretStoreException("cannot create " + directory + ": " + e.getClass().getSimpleName(), null, e);
        }
        String problem = directoryProblem();
        if (problem != null) {
            throw refused(problem);
        }
    }

    /** What is wrong with the directory, or null when it is this user's private directory (or absent). */
    String directoryProblem() {
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot inspect " + directory + " (" + e.getClass().getSimpleName() + ")";
        }
        if (!a.isDirectory()) {
            return directory + " is not a directory";
        }
        int owner = OwnUser.uidOf(directory);
        if (owner != uid) {
            return directory + " belongs to uid " + owner + ", not to this user (uid " + uid + ")";
        }
        if (a.permissions().stream().anyMatch(GROUP_OR_OTHER::contains)) {
            return directory + " is open to other users (mode " + PosixFilePermissions.toString(a.permissions()) + ")";
        }
        return null;
    }

    /** What is wrong with the socket file, or null when it is this user's 0600 socket (or absent). */
    String socketProblem() {
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot inspect " + socket + " (" + e.getClass().getSimpleName() + ")";
        }
        if (!a.isOther()) {
            return socket + " is not a socket";
        }
        int owner = OwnUser.uidOf(socket);
        if (owner != uid) {
            return "the agent socket " + socket + " belongs to uid " + owner + ", not to this user (uid " + uid + ")";
        }
        if (a.permissions().stream().anyMatch(GROUP_OR_OTHER::contains)) {
            return "the agent socket " + socket + " is open to other users (mode "
                    + PosixFilePermissions.toString(a.permissions()) + ")";
        }
        return null;
    }

    boolean exists() {
        return Files.exists(socket, LinkOption.NOFOLLOW_LINKS);
    }

    PolicyException refused(String problem) {
        return new PolicyException(problem + "; refusing to use it",
                "remove it if it is not yours to keep (rm -r " + directory + "), then run 'apikey unlock' again");
    }

    private static String storeId(Path storeFile) {
        Path absolute = storeFile.toAbsolutePath().normalize();
        try {
            absolute = absolute.getParent().toRealPath().resolve(absolute.getFileName());
        } catch (IOException | RuntimeException e) {
            // not there yet: the normalised path names it
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(absolute.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
