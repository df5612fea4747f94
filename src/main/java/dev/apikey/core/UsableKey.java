package dev.apikey.core;

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
 * @param linked          the other keys the usage's templates name ({@code {key:REF}}), by ref
 */
public record UsableKey(KeyRef ref, KeyRecord record, Secret secret, boolean fromEnvironment, KeyUsage usage,
                        List<String> boundOrigins, String baseUrl, Map<String, UsableKey> linked) {

    public UsableKey {
        boundOrigins = List.copyOf(boundOrigins);
        linked = Map.copyOf(linked);
    }

    public UsableKey(KeyRef ref, KeyRecord record, Secret secret, boolean fromEnvironment, KeyUsage usage,
                     List<String> boundOrigins, String baseUrl) {
        this(ref, record, secret, fromEnvironment, usage, boundOrigins, baseUrl, Map.of());
    }

    public Optional<String> id() {
        return Optional.ofNullable(record).map(KeyRecord::id);
    }

    /** The value of the provider's header, e.g. {@code Bearer <secret>}; a {@code Basic} scheme is base64-encoded. */
    public Secret headerValue() {
        return headerValue(usage.header(), usage.template());
    }

    /** The further headers sent with the key, rendered, in the order the provider declares them. */
    public Map<String, Secret> moreHeaders() {
        Map<String, Secret> out = new LinkedHashMap<>();
        usage.headers().forEach((name, template) -> {
            if (keepsParamsOf(template)) {
                out.put(name, headerValue(name, template));
            }
        });
        return out;
    }

    /** The secrets of the other keys this one is used with. */
    public List<Secret> linkedSecrets() {
        return linked.values().stream().map(UsableKey::secret).toList();
    }

    private Secret headerValue(String header, String template) {
        if (template.regionMatches(true, 0, "Basic ", 0, 6)) {
            String credentials = render(template.substring(6).trim(), "the " + header + " header");
            // RFC 7617: user-id ":" password, UTF-8, base64.
            return Secret.of("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return Secret.of(render(template, "the " + header + " header"));
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
                .filter(e -> keepsParamsOf(e.getValue()))
                .forEach(e -> vars.put(e.getKey(), Secret.of(render(e.getValue(), e.getKey()))));
        return vars;
    }

    /** Whether the key has every parameter the template names ({@code {param:NAME}}). */
    private boolean keepsParamsOf(String template) {
        Map<String, String> params = record == null ? Map.of() : record.params();
        return KeyUsage.KEY_PARAM.matcher(template).results().allMatch(m -> params.containsKey(m.group(1)));
    }

    private String render(String template, String what) {
        String out = template;
        if (!keepsParamsOf(out)) {
            throw new UsageException(what + " of " + ref + " needs a parameter the key does not have",
                    "give it to the provider with 'apikey provider add … --param NAME=VALUE'");
        }
        out = KeyUsage.KEY_PARAM.matcher(out).replaceAll(
                m -> java.util.regex.Matcher.quoteReplacement(record.params().get(m.group(1))));
        if (out.contains("{id}")) {
            String id = id().orElseThrow(() -> new UsageException(
                    what + " of " + ref + " needs the key's id, which is not known here",
                    fromEnvironment && record == null
                            ? "run where the key's metadata is, or set the variable yourself with 'apikey exec --env'"
                            : "store it again with its id: 'apikey forget " + ref + "', then 'apikey import " + ref + " --id ID'"));
            out = out.replace("{id}", id);
        }
        out = out.replace("{secret}", secret.reveal());
        out = KeyUsage.LINKED_KEY.matcher(out).replaceAll(m -> {
            UsableKey other = linked.get(m.group(1));
            if (other == null) {
                throw new UsageException(what + " of " + ref + " needs the key " + Names.printable(m.group(1)) + ", which is not known here",
                        "make or import that key, or set the provider's parameter naming it with 'apikey provider add'");
            }
            return java.util.regex.Matcher.quoteReplacement(other.secret().reveal());
        });
        if (out.isEmpty()) {
            throw new UsageException(what + " of " + ref + " would be empty",
                    "check the provider's scheme with 'apikey provider show " + ref.provider() + "'");
        }
        return out;
    }
}
