package dev.apikey.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** This process's uid and file owners' uids, which Java gives only through file attributes. */
final class OwnUser {
    private OwnUser() {
    }

    static int uid() {
        try {
            // /proc/self belongs to the process's effective uid (Linux).
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return uidOfNewFile();
        }
    }

    static int uidOf(Path path) {
        try {
            return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** Elsewhere (macOS), a file this process creates belongs to it. */
    private static int uidOfNewFile() {
        Path probe = null;
        try {
            probe = Files.createTempFile("apikey-uid", null);
            return (Integer) Files.getAttribute(probe, "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    // a temporary file left behind names nothing secret
                }
            }
        }
    }
}
