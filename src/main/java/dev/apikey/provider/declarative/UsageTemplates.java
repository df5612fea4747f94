package dev.apikey.provider.declarative;

import dev.apikey.core.UsageException;
import dev.apikey.core.KeyUsage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A definition's usage templates made into a {@link KeyUsage}: the provider's parameters are filled in here, once,
 * and what only the place of use knows is left for it — the key's {@code {secret}} and {@code {id}}, and another
 * key's secret, {@code {param.NAME|keySecret}}, which becomes {@code {key:REF}} for the key that parameter names.
 * A further header or variable whose values are all missing is left out; the key's own header cannot be.
 */
final class UsageTemplates {
    static final String KEY_SECRET = "keySecret";

    private UsageTemplates() {
    }

    static KeyUsage keyUsage(Definition.Usage usage, Map<String, String> params) {
        String value = fill(usage.value(), params);
        if (value == null) {
            throw missing(usage.value(), params);
        }
        return new KeyUsage(usage.header(), value, filled(usage.env(), params), filled(usage.headers(), params));
    }

    /**
     * A further header's or variable's template: a lone {@code {param.NAME}} the provider does not have is left for
     * the key, which may keep that parameter ({@code {param:NAME}}, filled in where the key is used).
     */
    private static String deferred(String template, Map<String, String> params) {
        Template t = Template.parse(template);
        StringBuilder out = new StringBuilder();
        for (Template.Part part : t.parts()) {
            if (!part.placeholder()) {
                out.append(part.text());
                continue;
            }
            Template.Choice only = part.choices().size() == 1 ? part.choices().get(0) : null;
            boolean keyParam = only != null && only.literal() == null && only.filters().isEmpty()
                    && only.ref().startsWith("param.") && !params.containsKey(only.ref().substring("param.".length()));
            if (keyParam) {
                out.append("{param:").append(only.ref().substring("param.".length())).append('}');
            } else {
                String v = value(part, params);
                if (v == null) {
                    return null;
                }
                out.append(v);
            }
        }
        return out.toString();
    }

    /** Where the keys are used, or null for the management base URL. */
    static String usageBaseUrl(Definition.Usage usage, Map<String, String> params, String provider) {
        return usage == null || usage.baseUrl() == null ? null : baseUrl(usage.baseUrl(), params, provider);
    }

    private static final java.util.regex.Pattern URL_TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9._~-]+");

    /**
     * A base URL template filled in with the provider's parameters ({@code https://{param.appId}.example.com}). A value
     * inside a URL must be one host label or path segment, so no parameter can move the host; a template that is
     * only a placeholder ({@code {param.apiUrl ?? 'https://api.twilio.com'}}) takes a whole URL, https or loopback.
     */
    static String baseUrl(String template, Map<String, String> params, String provider) {
        Template t = Template.parse(template);
        if (t.refs().isEmpty()) {
            return template;
        }
        String url = fill(template, params);
        if (url == null) {
            String param = t.refs().get(0).substring("param.".length());
            throw new UsageException("provider " + provider + " needs --param " + param + "=VALUE for its base URL",
                    "give it to 'apikey provider add " + provider + "'");
        }
        if (!t.whole()) {
            for (String ref : t.refs()) {
                String v = params.get(ref.substring("param.".length()));
                if (v != null && !URL_TOKEN.matcher(v).matches()) {
                    throw new UsageException("--param " + ref.substring("param.".length()) + " of provider " + provider
                            + " goes into its base URL and must be letters, digits, '.', '-', '_' or '~'");
                }
            }
        }
        boolean secure;
        try {
            secure = dev.apikey.core.Origin.parse(url).isSecureTransport();
        } catch (dev.apikey.core.Origin.InvalidException e) {
            secure = false;
        }
        if (!secure) {
            throw new UsageException("provider " + provider + ": its base URL, made from its parameters, must be https"
                    + " (plain http only to a loopback host)", "check its --param values with 'apikey provider show " + provider + "'");
        }
        return url;
    }

    private static Map<String, String> filled(Map<String, String> templates, Map<String, String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        templates.forEach((name, template) -> {
            String v = deferred(template, params);
            if (v != null) {
                out.put(name, v);
            }
        });
        return out;
    }

    /** The template with the parameters in; null when a placeholder has no value in any alternative. */
    static String fill(String text, Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        for (Template.Part part : Template.parse(text).parts()) {
            if (!part.placeholder()) {
                out.append(part.text());
                continue;
            }
            String v = value(part, params);
            if (v == null) {
                return null;
            }
            out.append(v);
        }
        return out.toString();
    }

    /** A placeholder's value: its first alternative that has one. */
    private static String value(Template.Part placeholder, Map<String, String> params) {
        for (Template.Choice c : placeholder.choices()) {
            String v = choice(c, params);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String choice(Template.Choice c, Map<String, String> params) {
        if (c.literal() != null) {
            return c.literal();
        }
        if (c.ref().equals("secret") || c.ref().equals("id")) {
            return "{" + c.ref() + "}";
        }
        String v = params.get(c.ref().substring("param.".length()));
        if (v == null || v.isEmpty()) {
            return null;
        }
        return c.filters().contains(KEY_SECRET) ? "{key:" + v + "}" : v;
    }

    private static UsageException missing(String template, Map<String, String> params) {
        for (String ref : Template.parse(template).refs()) {
            if (ref.startsWith("param.") && !params.containsKey(ref.substring("param.".length()))) {
                return new UsageException("the keys' header needs --param " + ref.substring("param.".length()) + "=VALUE",
                        "give it to 'apikey provider add'");
            }
        }
        return new UsageException("the keys' header cannot be filled in");
    }
}
