package dev.apikey.core;

/**
 * The version stamped in at build time, for {@code --version} and the User-Agent: a constant in this source,
 * which Maven fills in from the pom ({@code src/main/java-templates}, filtered into generated sources). Read
 * from a resource instead, it made the JVM open and index the whole jar (9,600 entries) to print one line:
 * 18 ms of a packaged {@code --version}.
 */
public final class Version {
    private static final String CURRENT = "${project.version}";

    private Version() {
    }

    public static String current() {
        return CURRENT;
    }
}
