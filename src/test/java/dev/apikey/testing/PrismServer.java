package dev.apikey.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prism ({@code @stoplight/prism-cli}) mocking a provider's official OpenAPI spec, with {@code --errors}: a request
 * that breaks the spec is answered with an error instead of an example, so an adapter that sends one fails.
 */
public final class PrismServer extends NodeServer {
    private static final Pattern LISTENING = Pattern.compile("Prism is listening on http://127\\.0\\.0\\.1:(\\d+)");

    private PrismServer(Path spec, boolean checkResponses) {
        super(java.util.stream.Stream.of(node(), tool("@stoplight/prism-cli/dist/index.js").toString(), "mock",
                checkResponses ? "--errors" : null, "-h", "127.0.0.1", "-p", "0", spec.toString())
                .filter(java.util.Objects::nonNull).toList(), projectRoot(), line -> {
                    Matcher m = LISTENING.matcher(line);
                    return m.find() ? Integer.parseInt(m.group(1)) : null;
                });
    }

    /** Mocks one of the specs in {@code src/test/resources/provider-specs}. */
    public static PrismServer mock(String specFile) {
        return new PrismServer(spec(specFile), true);
    }

    /**
     * Mocks a spec whose own examples break its schema (Linode's times have no zone, though the spec says
     * {@code date-time}): requests are still checked, and {@link #requestViolations()} reports what they broke.
     */
    public static PrismServer mockTrustingItsExamples(String specFile) {
        return new PrismServer(spec(specFile), false);
    }

    private static Path spec(String specFile) {
        try {
            return Path.of(PrismServer.class.getResource("/provider-specs/" + specFile).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The validation errors Prism logged about requests, leaving out what it found wrong with its own examples. */
    public List<String> requestViolations() {
        return log().lines().filter(l -> l.contains("[VALIDATOR]") && (l.contains("✖") || l.contains("⚠")))
                .filter(l -> !l.contains("response.") && !l.contains("Response body")).toList();
    }

    /** The validation errors Prism logged (an empty list when every request passed). */
    public List<String> violations() {
        return log().lines().filter(l -> l.contains("[VALIDATOR]") && (l.contains("✖") || l.contains("error"))).toList();
    }
}
