package dev.apikey.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * How a provider's keys are used: the header and value template for HTTP requests, further headers sent with it,
 * and the environment variables {@code exec} sets. Templates refer to the key's fields, {@code {secret}} and
 * {@code {id}}, to a parameter the key keeps ({@code {param:NAME}}: a variable that needs one the key lacks is left
 * out), and to another key's secret, {@code {key:PROVIDER/NAME}} (a Datadog application key goes with an
 * API key). A {@code Basic} scheme encodes its credentials as RFC 7617 requires.
 *
 * @param header      the header name, e.g. {@code Authorization} or {@code x-api-key}
 * @param template    the header value, e.g. {@code Bearer {secret}}
 * @param environment variable name to value template; empty means the one variable derived from the
 *                    key name ({@code local/my-svc} → {@code MY_SVC_API_KEY})
 * @param headers     further headers sent with the key, name to value template (Anthropic's
 *                    {@code anthropic-version}, Datadog's {@code DD-API-KEY} beside an application key)
 * @param clears      variables {@code exec} removes from the child's environment, because they would
 *                    override or confuse the injected key ({@code AWS_SESSION_TOKEN}, {@code AWS_PROFILE})
 */
public record KeyUsage(String header, String template, Map<String, String> environment, Map<String, String> headers,
                       java.util.List<String> clears) {

    public static final KeyUsage BEARER = new KeyUsage("Authorization", "Bearer {secret}", Map.of());
    /** One of the key's own parameters in a template, filled in where the key is used: {@code {param:NAME}}. */
    public static final java.util.regex.Pattern KEY_PARAM = java.util.regex.Pattern.compile("\\{param:([^{}]+)}");
    /** Another key's secret in a template: {@code {key:PROVIDER/NAME}}. */
    public static final java.util.regex.Pattern LINKED_KEY = java.util.regex.Pattern.compile("\\{key:([^{}]+)}");

    public KeyUsage {
        // In the order the type declares them: the order 'provider show' lists them.
        environment = environment == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        clears = clears == null ? java.util.List.of() : java.util.List.copyOf(clears);
    }

    public KeyUsage(String header, String template, Map<String, String> environment) {
        this(header, template, environment, Map.of());
    }

    public KeyUsage(String header, String template, Map<String, String> environment, Map<String, String> headers) {
        this(header, template, environment, headers, java.util.List.of());
    }

    /** The other keys (refs) whose secrets the templates use, in the order they appear. */
    public java.util.Set<String> linkedKeys() {
        java.util.Set<String> refs = new java.util.LinkedHashSet<>();
        java.util.stream.Stream.concat(java.util.stream.Stream.of(template),
                        java.util.stream.Stream.concat(headers.values().stream(), environment.values().stream()))
                .forEach(t -> LINKED_KEY.matcher(t).results().forEach(m -> refs.add(m.group(1))));
        return refs;
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
        return new KeyUsage(h, t, env, headers, clears);
    }
}
