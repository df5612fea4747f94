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

    private PrismServer(Path spec) {
        super(List.of(node(), tool("@stoplight/prism-cli/dist/index.js").toString(), "mock", "--errors",
                "-h", "127.0.0.1", "-p", "0", spec.toString()), projectRoot(), line -> {
                    Matcher m = LISTENING.matcher(line);
                    return m.find() ? Integer.parseInt(m.group(1)) : null;
                });
    }

    /** Mocks one of the specs in {@code src/test/resources/provider-specs}. */
    public static PrismServer mock(String specFile) {
        try {
            Path spec = Path.of(PrismServer.class.getResource("/provider-specs/" + specFile).toURI());
            return new PrismServer(spec);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The validation errors Prism logged (an empty list when every request passed). */
    public List<String> violations() {
        return log().lines().filter(l -> l.contains("[VALIDATOR]") && (l.contains("✖") || l.contains("error"))).toList();
    }
}
