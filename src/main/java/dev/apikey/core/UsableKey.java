package dev.apikey.core;

import dev.apikey.provider.KeyUsage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A key ready to be used by {@code request} or {@code exec}: its secret, how its provider sends keys,
 * and where they may go.
 *
 * @param record          the key's metadata, or null when only {@code APIKEY_SECRET_<REF>} knows it (CI)
 * @param fromEnvironment whether the secret came from {@code APIKEY_SECRET_<REF>} rather than the store
 * @param boundOrigins    the origins the provider's configuration binds its keys to; empty for none
 * @param baseUrl         what a request PATH is resolved against, or null
 */
public record UsableKey(KeyRef ref, KeyRecord record, Secret secret, boolean fromEnvironment, KeyUsage usage,
                        List<String> boundOrigins, String baseUrl) {

    public UsableKey {
        boundOrigins = List.copyOf(boundOrigins);
    }

    public Optional<String> id() {
        return Optional.ofNullable(record).map(KeyRecord::id);
    }

    /** The value of the provider's header, e.g. {@code Bearer <secret>}; a {@code Basic} scheme is base64-encoded. */
    public Secret headerValue() {
        String template = usage.template();
        if (template.regionMatches(true, 0, "Basic ", 0, 6)) {
            String credentials = render(template.substring(6).trim(), "the " + usage.header() + " header");
            // RFC 7617: user-id ":" password, UTF-8, base64.
            return Secret.of("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return Secret.of(render(template, "the " + usage.header() + " header"));
    }

    /**
     * The variables {@code exec} sets: the provider's templates, or the one variable derived from the
     * key's name ({@code local/my-svc} → {@code MY_SVC_API_KEY}).
     */
    public Map<String, Secret> variables() {
        Map<String, Secret> vars = new LinkedHashMap<>();
        if (usage.environment().isEmpty()) {
            vars.put(KeyUsage.derivedVariable(ref.name()), secret);
            return vars;
        }
        usage.environment().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> vars.put(e.getKey(), Secret.of(render(e.getValue(), e.getKey()))));
        return vars;
    }

    private String render(String template, String what) {
        String out = template;
        if (out.contains("{id}")) {
            String id = id().orElseThrow(() -> new UsageException(
                    what + " of " + ref + " needs the key's id, which is not known here",
                    fromEnvironment && record == null
                            ? "run where the key's metadata is, or set the variable yourself with 'apikey exec --env'"
                            : "store it again with its id: 'apikey forget " + ref + "', then 'apikey import " + ref + " --id ID'"));
            out = out.replace("{id}", id);
        }
        out = out.replace("{secret}", secret.reveal());
        if (out.isEmpty()) {
            throw new UsageException(what + " of " + ref + " would be empty",
                    "check the provider's scheme with 'apikey provider show " + ref.provider() + "'");
        }
        return out;
    }
}
