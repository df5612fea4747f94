package dev.apikey.target;

import dev.apikey.core.Destination;
import dev.apikey.core.Destinations;
import dev.apikey.core.UsageException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Supplier;

/** The destination kinds apikey writes to, by the prefix of {@code DEST}. */
public final class TargetDestinations implements Destinations {
    private static final String FORMS = "github:OWNER/REPO, github:OWNER/REPO@ENV, github-org:ORG, gitlab:PROJECT, dotenv:PATH";

    private final Supplier<AutoCloseable> localLock;

    /** @param localLock the lock that serialises this machine's writers of local files */
    public TargetDestinations(Supplier<AutoCloseable> localLock) {
        this.localLock = localLock;
    }

    @Override
    public Destination parse(String dest) {
        if (dest.startsWith(DotenvFile.PREFIX)) {
            String file = dest.substring(DotenvFile.PREFIX.length());
            if (file.isEmpty()) {
                throw usage(dest);
            }
            try {
                return new DotenvFile(Path.of(file), localLock);
            } catch (InvalidPathException e) {
                throw new UsageException("'" + file + "' is not a file path", null);
            }
        }
        throw usage(dest);
    }

    private static UsageException usage(String dest) {
        return new UsageException("'" + dest + "' is not a destination", "use one of " + FORMS);
    }
}
