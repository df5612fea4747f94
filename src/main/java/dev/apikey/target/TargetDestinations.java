package dev.apikey.target;

import dev.apikey.core.Destination;
import dev.apikey.core.Destinations;
import dev.apikey.core.Redactor;
import dev.apikey.core.UsageException;
import dev.apikey.http.HttpClients;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/** The destination kinds apikey writes to, by the prefix of {@code DEST}. */
public final class TargetDestinations implements Destinations {
    private static final String FORMS = "github:OWNER/REPO, github:OWNER/REPO@ENV, github-org:ORG, gitlab:PROJECT, dotenv:PATH";
    /** The providers whose management credentials write remote destinations. */
    static final String GITHUB = "github";
    static final String GITLAB = "gitlab";

    private final Supplier<AutoCloseable> localLock;
    private final Function<String, TargetHost> hosts;
    private final Supplier<HttpClients> http;
    private final Redactor redactor;
    private final Supplier<SecureRandom> random;

    /**
     * @param localLock serialises this machine's writers of local files
     * @param hosts     a provider's base URL and credential, by provider name (opened only when written)
     * @param random    for GitHub's sealed boxes; made only for a GitHub target (seeding one costs every start)
     */
    public TargetDestinations(Supplier<AutoCloseable> localLock, Function<String, TargetHost> hosts,
                              Supplier<HttpClients> http, Redactor redactor, Supplier<SecureRandom> random) {
        this.localLock = localLock;
        this.hosts = hosts;
        this.http = http;
        this.redactor = redactor;
        this.random = random;
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
        if (dest.startsWith(GitHubSecrets.REPO_PREFIX) || dest.startsWith(GitHubSecrets.ORG_PREFIX)) {
            return GitHubSecrets.parse(dest, () -> hosts.apply(GITHUB), http.get(), redactor, random.get());
        }
        if (dest.startsWith(GitLabVariables.PREFIX)) {
            return GitLabVariables.parse(dest, () -> hosts.apply(GITLAB), http.get());
        }
        throw usage(dest);
    }

    private static UsageException usage(String dest) {
        return new UsageException("'" + dest + "' is not a destination", "use one of " + FORMS);
    }
}
