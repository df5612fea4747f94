package dev.apikey.provider;

import dev.apikey.core.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * How a provider's keys are used: the header and value template for HTTP requests, and the
 * environment variables {@code exec} sets. Templates refer to the key's fields: {@code {secret}},
 * {@code {id}}. A {@code Basic} scheme encodes its credentials as RFC 7617 requires.
 *
 * @param header      the header name, e.g. {@code Authorization} or {@code x-api-key}
 * @param template    the header value, e.g. {@code Bearer {secret}}
 * @param environment variable name to value template; empty means the one variable derived from the
 *                    key name ({@code local/my-svc} → {@code MY_SVC_API_KEY})
 */
public record KeyUsage(String header, String template, Map<String, String> environment) {

    public static final KeyUsage BEARER = new KeyUsage("Authorization", "Bearer {secret}", Map.of());

    public KeyUsage {
        // In the order the type declares them: the order 'provider show' lists them.
        environment = environment == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    }

    /** The variable derived from a key name: upper-cased, {@code -} and {@code .} become {@code _}, plus {@code _API_KEY}. */
    public static String derivedVariable(String keyName) {
        return keyName.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_') + "_API_KEY";
    }

    /**
     * The header value for a key: the template with {@code {secret}} and {@code {id}} filled in; a {@code Basic}
     * template's credentials are base64-encoded as RFC 7617 requires ({@code Basic {id}:{secret}}).
     */
    public String headerValue(String id, Secret secret) {
        String filled = fill(template, id, secret);
        if (template.regionMatches(true, 0, "Basic ", 0, 6)) {
            String credentials = filled.substring(6);
            return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        }
        return filled;
    }

    /** A template ({@code header value or variable}) with the key's fields filled in. */
    public static String fill(String template, String id, Secret secret) {
        return template.replace("{id}", id == null ? "" : id).replace("{secret}", secret.reveal());
    }

    /** Applies the user's overrides from {@code provider add}. */
    public KeyUsage overriddenBy(ProviderConfig config) {
        String h = config.header() != null ? config.header() : header;
        String t = config.scheme() != null ? config.scheme() : template;
        Map<String, String> env = config.envVar() != null ? Map.of(config.envVar(), "{secret}") : environment;
        return new KeyUsage(h, t, env);
    }
}
