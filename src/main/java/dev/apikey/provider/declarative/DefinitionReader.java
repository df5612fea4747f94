package dev.apikey.provider.declarative;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apikey.core.ApikeyException;
import dev.apikey.core.Durations;
import dev.apikey.core.UsageException;
import dev.apikey.provider.KeyUsage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a provider definition and reads it into a {@link Definition}. Every problem is collected with the JSON
 * pointer of the place it is at, so a user fixing a definition sees all of them at once.
 */
public final class DefinitionReader {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern VARIABLE = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final List<String> KEY_VALUES = List.of("name", "description", "marker", "scopes", "expiresAt");

    /** One problem, at a JSON pointer into the definition. */
    public record Problem(String path, String message) {
        @Override
        public String toString() {
            return (path.isEmpty() ? "(top level)" : path) + ": " + message;
        }
    }

    /** A definition with problems; its message lists every one. */
    public static final class InvalidDefinitionException extends UsageException {
        private final List<Problem> problems;

        InvalidDefinitionException(String what, List<Problem> problems) {
            super(what + " is not a valid provider definition (" + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + "):\n  "
                    + String.join("\n  ", problems.stream().map(Problem::toString).toList()),
                    "see docs/providers.md for the format");
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }

        /** The same problems, for a definition named differently (the file it was read from). */
        public InvalidDefinitionException in(String what) {
            return new InvalidDefinitionException(what, problems);
        }
    }

    private DefinitionReader() {
    }

    /** Every problem of a definition as written, variants included; empty when it is valid. */
    public static List<Problem> check(JsonNode raw) {
        Checker variantsChecker = new Checker();
        Variants variants = variantsChecker.variants(raw);
        List<Problem> problems = new ArrayList<>(variantsChecker.problems);
        if (variants == null) {
            Checker c = new Checker();
            c.definition(raw);
            problems.addAll(c.problems);
            return problems;
        }
        // Each variant is checked merged; problems every variant shares are reported once, the others per variant.
        Map<String, List<Problem>> byVariant = new LinkedHashMap<>();
        for (String value : variants.values()) {
            Checker c = new Checker();
            c.definition(select(raw, variants.param(), value));
            byVariant.put(value, c.problems);
        }
        Set<Problem> shared = new LinkedHashSet<>(byVariant.values().iterator().next());
        byVariant.values().forEach(shared::retainAll);
        problems.addAll(shared);
        byVariant.forEach((value, list) -> list.stream().filter(p -> !shared.contains(p))
                .forEach(p -> problems.add(new Problem(p.path(), p.message() + " (with --param "
                        + variants.param() + "=" + value + ")"))));
        return problems;
    }

    /** Throws when the definition has problems; {@code what} names it in the message (a file name). */
    public static void requireValid(JsonNode raw, String what) {
        List<Problem> problems = check(raw);
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(what, problems);
        }
    }

    /**
     * Checks that a provider's settings choose a variant the definition has.
     *
     * @throws UsageException naming the variants when the choice is unknown
     */
    public static void requireKnownVariant(JsonNode raw, Map<String, String> providerParams, String providerType) {
        variantOf(raw, providerParams, providerType);
    }

    /** The definition a provider uses: its variant chosen by {@code --param}, checked and read. */
    static Definition read(JsonNode raw, Map<String, String> providerParams, String what) {
        String[] variant = variantOf(raw, providerParams, what);
        JsonNode chosen = variant == null ? raw : select(raw, variant[0], variant[1]);
        Checker c = new Checker();
        Definition d = c.definition(chosen);
        if (!c.problems.isEmpty()) {
            throw new InvalidDefinitionException(what, c.problems);
        }
        return d;
    }

    /** The variant parameter and its value, or null when the definition has no variants. */
    private static String[] variantOf(JsonNode raw, Map<String, String> params, String what) {
        JsonNode v = raw.get("variants");
        if (v == null || !v.isObject()) {
            return null;
        }
        String param = v.path("param").asText();
        String value = params.getOrDefault(param, v.path("default").asText(null));
        JsonNode values = v.path("values");
        if (value == null || !values.has(value)) {
            List<String> names = new ArrayList<>();
            values.fieldNames().forEachRemaining(names::add);
            throw new UsageException((value == null ? "no " : "unknown ") + param + (value == null ? "" : " '" + value + "'")
                    + " for " + what, "use --param " + param + "=" + String.join("|", names) + " with 'apikey provider add'");
        }
        return new String[] {param, value};
    }

    /** The definition with one variant merged in (RFC 7386 merge patch) and the variants removed. */
    static JsonNode select(JsonNode raw, String param, String value) {
        ObjectNode base = ((ObjectNode) raw).deepCopy();
        JsonNode patch = base.path("variants").path("values").path(value);
        base.remove("variants");
        return mergePatch(base, patch);
    }

    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }

    private record Variants(String param, List<String> values) {
    }

    /** Which references a template may use where it is. */
    private record Namespace(Set<String> plain, boolean credential, boolean inputs) {
        static Namespace of(boolean credential, boolean inputs, String... plain) {
            return new Namespace(Set.of(plain), credential, inputs);
        }

        static Namespace of(boolean credential, boolean inputs, List<String> plain, String... more) {
            Set<String> all = new LinkedHashSet<>(plain);
            all.addAll(List.of(more));
            return new Namespace(all, credential, inputs);
        }
    }

    /** Walks a definition, collecting problems and building the records. */
    private static final class Checker {
        final List<Problem> problems = new ArrayList<>();
        Set<String> parts = Set.of();
        Set<String> inputNames = Set.of();

        void problem(String path, String message) {
            Problem p = new Problem(path, message);
            if (!problems.contains(p)) {
                problems.add(p);
            }
        }

        Variants variants(JsonNode root) {
            if (root == null || !root.isObject() || !root.has("variants")) {
                return null;
            }
            JsonNode v = root.get("variants");
            if (!object(v, "/variants", Set.of("param", "default", "values"), Set.of("param", "values"))) {
                return null;
            }
            String param = string(v, "/variants", "param", true);
            if (param != null && !NAME.matcher(param).matches()) {
                problem("/variants/param", "must be a parameter name (letters, digits, '-', '_')");
            }
            JsonNode values = v.get("values");
            List<String> names = new ArrayList<>();
            if (values != null && values.isObject() && values.size() > 0) {
                for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isObject()) {
                        problem("/variants/values/" + escape(e.getKey()), "must be an object (merged over the definition)");
                    } else {
                        names.add(e.getKey());
                    }
                }
            } else {
                problem("/variants/values", "must be an object with at least one variant");
            }
            String def = string(v, "/variants", "default", false);
            if (def != null && !names.contains(def)) {
                problem("/variants/default", "must name one of the variants: " + String.join(", ", names));
            }
            return param == null || names.isEmpty() ? null : new Variants(param, names);
        }

        Definition definition(JsonNode root) {
            if (root == null || !root.isObject()) {
                problem("", "a provider definition must be a JSON object");
                return null;
            }
            object(root, "", Set.of("$schema", "description", "baseUrl", "auth", "usage", "maxAge", "inputs", "challenge",
                    "errors", "headers", "operations", "variants"), Set.of("operations"));
            string(root, "", "$schema", false);
            String description = string(root, "", "description", false);
            String baseUrl = baseUrl(root);
            inputNames = inputNames(root.get("inputs"));
            Definition.Auth auth = auth(root.get("auth"));
            KeyUsage usage = usage(root.get("usage"));
            Duration maxAge = null;
            String maxAgeText = string(root, "", "maxAge", false);
            if (maxAgeText != null) {
                try {
                    maxAge = Durations.parse(maxAgeText);
                } catch (ApikeyException e) {
                    problem("/maxAge", "must be a duration such as 90d or P90D");
                }
            }
            Map<String, Definition.Input> inputs = inputs(root.get("inputs"));
            Definition.Challenge challenge = challenge(root.get("challenge"));
            List<String> errors = errors(root.get("errors"));
            Namespace management = Namespace.of(true, false);
            Map<String, String> headers = templates(root.get("headers"), "/headers", management, true);

            JsonNode ops = root.get("operations");
            Definition.Operation create = null;
            Definition.Operation rotate = null;
            Definition.Operation revoke = null;
            Definition.Operation verify = null;
            Definition.Listing list = null;
            if (ops != null && object(ops, "/operations", Set.of("create", "rotate", "revoke", "list", "verify"),
                    Set.of("create", "revoke"))) {
                create = operation(ops.get("create"), "/operations/create", "create",
                        Namespace.of(true, true, KEY_VALUES), Set.of("id", "secret", "createdAt", "expiresAt"), "secret");
                rotate = operation(ops.get("rotate"), "/operations/rotate", "rotate",
                        Namespace.of(true, true, KEY_VALUES, "id"), Set.of("id", "secret", "createdAt", "expiresAt"), "secret");
                revoke = operation(ops.get("revoke"), "/operations/revoke", "revoke", Namespace.of(true, true, "id"),
                        null, null);
                verify = operation(ops.get("verify"), "/operations/verify", "verify", Namespace.of(false, false, "id", "secret"),
                        Set.of("id", "accept"), null);
                list = listing(ops.get("list"));
            }
            if (!problems.isEmpty()) {
                return null;
            }
            return new Definition(description, baseUrl, auth, usage, maxAge, inputs, challenge, errors,
                    headers == null ? Map.of() : headers, create, rotate, revoke, list, verify);
        }

        private String baseUrl(JsonNode root) {
            String url = string(root, "", "baseUrl", false);
            if (url == null) {
                return null;
            }
            try {
                URI u = new URI(url);
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if (u.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                    problem("/baseUrl", "must be a full URL such as https://api.example.com");
                } else if (scheme.equals("http") && !dev.apikey.core.ProviderAdmin.isLoopback(u.getHost())) {
                    problem("/baseUrl", "must use https (plain http only to a loopback host)");
                } else if (u.getQuery() != null || u.getFragment() != null) {
                    problem("/baseUrl", "must not have a query or fragment");
                }
            } catch (java.net.URISyntaxException e) {
                problem("/baseUrl", "must be a full URL such as https://api.example.com");
            }
            return url;
        }

        private Set<String> inputNames(JsonNode inputs) {
            Set<String> names = new LinkedHashSet<>();
            if (inputs != null && inputs.isObject()) {
                inputs.fieldNames().forEachRemaining(names::add);
            }
            return names;
        }

        private Definition.Auth auth(JsonNode auth) {
            if (auth == null || !object(auth, "/auth", Set.of("headers", "credential"), Set.of("headers"))) {
                return null;
            }
            List<String> partNames = List.of();
            String separator = ":";
            JsonNode cred = auth.get("credential");
            if (cred != null && object(cred, "/auth/credential", Set.of("parts", "separator"), Set.of("parts"))) {
                partNames = names(cred.get("parts"), "/auth/credential/parts");
                if (partNames.size() < 2) {
                    problem("/auth/credential/parts", "must name at least two parts (one value needs no parts)");
                }
                String sep = string(cred, "/auth/credential", "separator", false);
                if (sep != null) {
                    if (sep.isEmpty()) {
                        problem("/auth/credential/separator", "must not be empty");
                    } else {
                        separator = sep;
                    }
                }
            }
            parts = Set.copyOf(partNames);
            Map<String, String> headers = templates(auth.get("headers"), "/auth/headers", Namespace.of(true, false), true);
            if (headers != null && headers.isEmpty()) {
                problem("/auth/headers", "must have at least one header");
            }
            return new Definition.Auth(headers == null ? Map.of() : headers, partNames, separator);
        }

        private KeyUsage usage(JsonNode usage) {
            if (usage == null) {
                return KeyUsage.BEARER;
            }
            if (!object(usage, "/usage", Set.of("header", "value", "env"), Set.of("header", "value"))) {
                return KeyUsage.BEARER;
            }
            String header = string(usage, "/usage", "header", true);
            if (header != null && !HEADER_NAME.matcher(header).matches()) {
                problem("/usage/header", "must be an HTTP header name");
            }
            String value = string(usage, "/usage", "value", true);
            if (value != null) {
                usageTemplate(value, "/usage/value");
            }
            Map<String, String> env = new LinkedHashMap<>();
            JsonNode e = usage.get("env");
            if (e != null && object(e, "/usage/env", null, Set.of())) {
                for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> var = it.next();
                    String path = "/usage/env/" + escape(var.getKey());
                    if (!VARIABLE.matcher(var.getKey()).matches()) {
                        problem(path, "must be an environment variable name (A-Z, 0-9, _)");
                    }
                    if (!var.getValue().isTextual()) {
                        problem(path, "must be a string such as \"{secret}\"");
                    } else {
                        usageTemplate(var.getValue().textValue(), path);
                        env.put(var.getKey(), var.getValue().textValue());
                    }
                }
            }
            return new KeyUsage(header, value, env);
        }

        /** Usage templates are filled in where the key is used; they know only the key's {@code secret} and {@code id}. */
        private void usageTemplate(String text, String path) {
            Template t = parse(text, path);
            if (t == null) {
                return;
            }
            for (Template.Choice c : t.choices()) {
                if (c.literal() != null || !c.filters().isEmpty() || !(c.ref().equals("secret") || c.ref().equals("id"))) {
                    problem(path, "may only use {secret} and {id}");
                    return;
                }
            }
        }

        private Map<String, Definition.Input> inputs(JsonNode inputs) {
            Map<String, Definition.Input> out = new LinkedHashMap<>();
            if (inputs == null || !object(inputs, "/inputs", null, Set.of())) {
                return out;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = inputs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "/inputs/" + escape(e.getKey());
                if (!NAME.matcher(e.getKey()).matches()) {
                    problem(path, "must be a name (letters, digits, '-', '_')");
                }
                if (object(e.getValue(), path, Set.of("prompt", "env"), Set.of("prompt", "env"))) {
                    String prompt = string(e.getValue(), path, "prompt", true);
                    String env = string(e.getValue(), path, "env", true);
                    if (env != null && !VARIABLE.matcher(env).matches()) {
                        problem(path + "/env", "must be an environment variable name (A-Z, 0-9, _)");
                    }
                    out.put(e.getKey(), new Definition.Input(e.getKey(), prompt, env));
                }
            }
            return out;
        }

        private Definition.Challenge challenge(JsonNode c) {
            if (c == null || !object(c, "/challenge", Set.of("status", "header", "contains", "headers"),
                    Set.of("status", "header", "contains", "headers"))) {
                return null;
            }
            int status = 0;
            JsonNode s = c.get("status");
            if (s == null || !s.isInt() || s.asInt() < 400 || s.asInt() > 499) {
                problem("/challenge/status", "must be an HTTP status from 400 to 499");
            } else {
                status = s.asInt();
            }
            String header = string(c, "/challenge", "header", true);
            String contains = string(c, "/challenge", "contains", true);
            Map<String, String> headers = templates(c.get("headers"), "/challenge/headers", Namespace.of(false, true), true);
            return new Definition.Challenge(status, header, contains, headers == null ? Map.of() : headers);
        }

        private List<String> errors(JsonNode errors) {
            if (errors == null || !object(errors, "/errors", Set.of("message"), Set.of("message"))) {
                return List.of();
            }
            JsonNode m = errors.get("message");
            List<String> pointers = new ArrayList<>();
            if (m.isTextual()) {
                pointer(m.textValue(), "/errors/message");
                pointers.add(m.textValue());
            } else if (m.isArray() && m.size() > 0) {
                for (int i = 0; i < m.size(); i++) {
                    if (!m.get(i).isTextual()) {
                        problem("/errors/message/" + i, "must be a JSON pointer such as /error/message");
                    } else {
                        pointer(m.get(i).textValue(), "/errors/message/" + i);
                        pointers.add(m.get(i).textValue());
                    }
                }
            } else {
                problem("/errors/message", "must be a JSON pointer or a non-empty array of them");
            }
            return pointers;
        }

        private Definition.Operation operation(JsonNode op, String path, String kind, Namespace ns,
                                               Set<String> responseFields, String requiredResponse) {
            if (op == null) {
                return null;
            }
            Set<String> allowed = new LinkedHashSet<>(List.of("method", "path", "query", "headers", "body", "bodyType",
                    "retry", "requires"));
            if (kind.equals("create")) {
                allowed.add("marker");
            }
            if (responseFields != null) {
                allowed.add("response");
            }
            if (kind.equals("list")) {
                allowed.addAll(List.of("items", "item", "pagination"));
            }
            Set<String> required = new LinkedHashSet<>(List.of("method", "path"));
            if (requiredResponse != null) {
                required.add("response");
            }
            if (!object(op, path, allowed, required)) {
                return null;
            }
            String method = string(op, path, "method", true);
            if (method != null && !METHODS.contains(method)) {
                problem(path + "/method", "must be one of " + String.join(", ", List.of("GET", "POST", "PUT", "PATCH", "DELETE")));
            }
            List<String> paths = paths(op.get("path"), path + "/path", ns);
            Map<String, String> query = templates(op.get("query"), path + "/query", ns, false);
            Map<String, String> headers = templates(op.get("headers"), path + "/headers", ns, true);
            JsonNode body = op.get("body");
            if (body != null) {
                bodyTemplates(body, path + "/body", ns);
            }
            boolean form = false;
            String bodyType = string(op, path, "bodyType", false);
            if (bodyType != null) {
                if (bodyType.equals("form")) {
                    form = true;
                    formBody(body, path);
                } else if (!bodyType.equals("json")) {
                    problem(path + "/bodyType", "must be json or form");
                }
            }
            boolean retry = true;
            JsonNode r = op.get("retry");
            if (r != null) {
                if (!r.isBoolean()) {
                    problem(path + "/retry", "must be true or false");
                } else {
                    retry = r.asBoolean();
                }
            }
            List<String> requires = new ArrayList<>();
            JsonNode req = op.get("requires");
            if (req != null) {
                if (!req.isArray()) {
                    problem(path + "/requires", "must be an array of value names such as \"scopes\" or \"param.policies\"");
                } else {
                    for (int i = 0; i < req.size(); i++) {
                        String p = path + "/requires/" + i;
                        if (!req.get(i).isTextual() || !Template.REF.matcher(req.get(i).asText()).matches()) {
                            problem(p, "must be a value name such as \"scopes\" or \"param.policies\"");
                        } else {
                            ref(req.get(i).asText(), ns, p);
                            requires.add(req.get(i).asText());
                        }
                    }
                }
            }
            String marker = null;
            if (kind.equals("create")) {
                marker = string(op, path, "marker", false);
                if (marker != null && !(marker.equals("name") || marker.equals("description"))) {
                    problem(path + "/marker", "must be name or description");
                }
            }
            Map<String, String> response = new LinkedHashMap<>();
            JsonNode resp = op.get("response");
            if (responseFields != null && resp != null && object(resp, path + "/response", responseFields,
                    requiredResponse == null ? Set.of() : Set.of(requiredResponse))) {
                for (Iterator<Map.Entry<String, JsonNode>> it = resp.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isTextual()) {
                        problem(path + "/response/" + escape(e.getKey()), "must be a JSON pointer such as /id");
                    } else if (pointer(e.getValue().textValue(), path + "/response/" + escape(e.getKey()))) {
                        response.put(e.getKey(), e.getValue().textValue());
                    }
                }
            }
            return new Definition.Operation(method, paths, query == null ? Map.of() : query,
                    headers == null ? Map.of() : headers, body, form, retry, requires, marker, response);
        }

        private Definition.Listing listing(JsonNode op) {
            String path = "/operations/list";
            Definition.Operation request = operation(op, path, "list", Namespace.of(true, false), null, null);
            if (request == null) {
                return null;
            }
            if (!op.has("items")) {
                problem(path, "missing \"items\": the JSON pointer to the array of keys (\"\" when the page is the array)");
            }
            if (!op.has("item")) {
                problem(path, "missing \"item\": where the id, name and times are in one key");
            }
            String items = string(op, path, "items", false);
            if (items != null) {
                pointer(items, path + "/items");
            }
            Map<String, String> item = new LinkedHashMap<>();
            JsonNode it = op.get("item");
            if (it != null && object(it, path + "/item", Set.of("id", "name", "description", "createdAt", "expiresAt",
                    "hint", "last4"), Set.of("id"))) {
                for (Iterator<Map.Entry<String, JsonNode>> f = it.fields(); f.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = f.next();
                    String p = path + "/item/" + escape(e.getKey());
                    if (!e.getValue().isTextual()) {
                        problem(p, "must be a JSON pointer such as /id");
                    } else if (pointer(e.getValue().textValue(), p)) {
                        item.put(e.getKey(), e.getValue().textValue());
                    }
                }
            }
            Definition.Pagination pagination = pagination(op.get("pagination"));
            return new Definition.Listing(request, items, item, pagination);
        }

        private Definition.Pagination pagination(JsonNode p) {
            String path = "/operations/list/pagination";
            if (p == null) {
                return Definition.Pagination.NONE;
            }
            if (!p.isObject()) {
                problem(path, "must be an object with a \"style\"");
                return Definition.Pagination.NONE;
            }
            String style = string(p, path, "style", true);
            if (style == null) {
                return Definition.Pagination.NONE;
            }
            Set<String> allowed;
            Set<String> required;
            switch (style) {
                case "none" -> {
                    allowed = Set.of("style");
                    required = Set.of("style");
                }
                case "page" -> {
                    allowed = Set.of("style", "param", "start", "sizeParam", "size", "total", "more");
                    required = Set.of("style", "param");
                }
                case "cursor" -> {
                    allowed = Set.of("style", "param", "cursor", "more", "sizeParam", "size");
                    required = Set.of("style", "param", "cursor");
                }
                case "nextUrl" -> {
                    allowed = Set.of("style", "next", "sizeParam", "size");
                    required = Set.of("style", "next");
                }
                case "link" -> {
                    allowed = Set.of("style", "sizeParam", "size");
                    required = Set.of("style");
                }
                case "header" -> {
                    allowed = Set.of("style", "header", "param", "sizeParam", "size");
                    required = Set.of("style", "header");
                }
                default -> {
                    problem(path + "/style", "must be one of none, page, cursor, nextUrl, link, header");
                    return Definition.Pagination.NONE;
                }
            }
            object(p, path, allowed, required);
            String param = string(p, path, "param", false);
            String sizeParam = string(p, path, "sizeParam", false);
            Long size = null;
            JsonNode s = p.get("size");
            if (s != null) {
                if (!s.canConvertToLong() || !s.isIntegralNumber() || s.asLong() < 1) {
                    problem(path + "/size", "must be a whole number of at least 1");
                } else {
                    size = s.asLong();
                }
            }
            if ((size == null) != (sizeParam == null)) {
                problem(path, "\"size\" and \"sizeParam\" go together");
            }
            long start = 1;
            JsonNode st = p.get("start");
            if (st != null) {
                if (!st.isIntegralNumber() || st.asLong() < 0) {
                    problem(path + "/start", "must be a whole number of at least 0");
                } else {
                    start = st.asLong();
                }
            }
            String cursor = pointerField(p, path, "cursor");
            String more = pointerField(p, path, "more");
            String next = pointerField(p, path, "next");
            String total = pointerField(p, path, "total");
            String header = string(p, path, "header", false);
            if (header != null && !HEADER_NAME.matcher(header).matches()) {
                problem(path + "/header", "must be an HTTP header name");
            }
            return new Definition.Pagination(style, param, start, sizeParam, size, cursor, more, next, total, header);
        }

        private String pointerField(JsonNode node, String path, String field) {
            String v = string(node, path, field, false);
            if (v != null) {
                pointer(v, path + "/" + field);
            }
            return v;
        }

        private List<String> paths(JsonNode node, String path, Namespace ns) {
            List<String> out = new ArrayList<>();
            if (node == null) {
                return out;
            }
            if (node.isTextual()) {
                pathTemplate(node.textValue(), path, ns, out);
            } else if (node.isArray() && node.size() > 0) {
                for (int i = 0; i < node.size(); i++) {
                    if (!node.get(i).isTextual()) {
                        problem(path + "/" + i, "must be a path such as /v1/keys/{id}");
                    } else {
                        pathTemplate(node.get(i).textValue(), path + "/" + i, ns, out);
                    }
                }
            } else {
                problem(path, "must be a path such as /v1/keys/{id}, or a non-empty array of alternatives");
            }
            return out;
        }

        private void pathTemplate(String text, String path, Namespace ns, List<String> out) {
            if (!text.startsWith("/")) {
                problem(path, "must start with '/' (it is appended to the base URL)");
            }
            if (text.contains("?") || text.contains("#")) {
                problem(path, "must not contain '?' or '#': put query parameters in \"query\"");
            }
            if (template(text, path, ns) != null) {
                out.add(text);
            }
        }

        private void bodyTemplates(JsonNode node, String path, Namespace ns) {
            if (node.isTextual()) {
                template(node.textValue(), path, ns);
            } else if (node.isObject()) {
                node.fields().forEachRemaining(e -> bodyTemplates(e.getValue(), path + "/" + escape(e.getKey()), ns));
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    bodyTemplates(node.get(i), path + "/" + i, ns);
                }
            }
        }

        private void formBody(JsonNode body, String path) {
            if (body == null) {
                return;
            }
            if (!body.isObject()) {
                problem(path + "/body", "a form body must be an object of fields");
                return;
            }
            body.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                boolean ok = v.isValueNode() && !v.isNull()
                        || v.isArray() && java.util.stream.StreamSupport.stream(v.spliterator(), false).allMatch(JsonNode::isValueNode);
                if (!ok) {
                    problem(path + "/body/" + escape(e.getKey()), "a form field must be text, a number, a boolean or an array of them");
                }
            });
        }

        /** An object of header names or query parameters to templates; null when absent. */
        private Map<String, String> templates(JsonNode node, String path, Namespace ns, boolean headerNames) {
            if (node == null) {
                return null;
            }
            Map<String, String> out = new LinkedHashMap<>();
            if (!object(node, path, null, Set.of())) {
                return out;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + "/" + escape(e.getKey());
                if (headerNames && !HEADER_NAME.matcher(e.getKey()).matches()) {
                    problem(p, "must be an HTTP header name");
                }
                JsonNode v = e.getValue();
                if (v.isTextual()) {
                    template(v.textValue(), p, ns);
                    out.put(e.getKey(), v.textValue());
                } else if (!headerNames && (v.isNumber() || v.isBoolean())) {
                    out.put(e.getKey(), v.asText());
                } else {
                    problem(p, headerNames ? "must be a string" : "must be a string, a number or a boolean");
                }
            }
            return out;
        }

        private Template template(String text, String path, Namespace ns) {
            Template t = parse(text, path);
            if (t == null) {
                return null;
            }
            for (Template.Choice c : t.choices()) {
                if (c.ref() == null) {
                    continue;
                }
                ref(c.ref(), ns, path);
                for (String f : c.filters()) {
                    if (!Renderer.FILTERS.contains(f)) {
                        problem(path, "unknown filter '" + f + "'; filters: " + String.join(", ",
                                Renderer.FILTERS.stream().sorted().toList()));
                    }
                }
            }
            return t;
        }

        private Template parse(String text, String path) {
            try {
                return Template.parse(text);
            } catch (Template.TemplateException e) {
                problem(path, e.getMessage());
                return null;
            }
        }

        private void ref(String ref, Namespace ns, String path) {
            int dot = ref.indexOf('.');
            String space = dot < 0 ? ref : ref.substring(0, dot);
            String key = dot < 0 ? null : ref.substring(dot + 1);
            switch (space) {
                case "param" -> {
                    if (key == null) {
                        problem(path, "{param} needs a name: {param.NAME}");
                    }
                }
                case "credential" -> {
                    if (!ns.credential()) {
                        problem(path, "{" + ref + "} cannot be used here");
                    } else if (key != null && !parts.contains(key)) {
                        problem(path, "{" + ref + "}: the credential has no part '" + key + "'"
                                + (parts.isEmpty() ? " (declare parts in /auth/credential/parts)" : "; parts: " + String.join(", ", parts)));
                    }
                }
                case "input" -> {
                    if (!ns.inputs()) {
                        problem(path, "{" + ref + "} cannot be used here");
                    } else if (key == null || !inputNames.contains(key)) {
                        problem(path, "{" + ref + "}: no such input" + (inputNames.isEmpty() ? " (declare it in /inputs)"
                                : "; inputs: " + String.join(", ", inputNames)));
                    }
                }
                default -> {
                    if (key != null || !ns.plain().contains(ref)) {
                        List<String> known = new ArrayList<>(ns.plain());
                        known.add("param.NAME");
                        if (ns.credential()) {
                            known.add("credential");
                        }
                        if (ns.inputs() && !inputNames.isEmpty()) {
                            known.add("input.NAME");
                        }
                        problem(path, "unknown value {" + ref + "} here; known: " + String.join(", ", known));
                    }
                }
            }
        }

        private List<String> names(JsonNode node, String path) {
            List<String> out = new ArrayList<>();
            if (node == null || !node.isArray()) {
                problem(path, "must be an array of names");
                return out;
            }
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual() || !NAME.matcher(node.get(i).asText()).matches()) {
                    problem(path + "/" + i, "must be a name (letters, digits, '-', '_')");
                } else if (out.contains(node.get(i).asText())) {
                    problem(path + "/" + i, "repeats '" + node.get(i).asText() + "'");
                } else {
                    out.add(node.get(i).asText());
                }
            }
            return out;
        }

        private boolean pointer(String text, String path) {
            if (!text.isEmpty() && !text.startsWith("/")) {
                problem(path, "must be a JSON pointer: \"\" or starting with '/', e.g. /data/id");
                return false;
            }
            try {
                JsonPointer.compile(text);
                return true;
            } catch (IllegalArgumentException e) {
                problem(path, "must be a JSON pointer ('~' only as ~0 or ~1)");
                return false;
            }
        }

        /** Checks a node is an object with only the allowed members (null: any) and the required ones. */
        private boolean object(JsonNode node, String path, Set<String> allowed, Set<String> required) {
            if (node == null || !node.isObject()) {
                problem(path, "must be an object");
                return false;
            }
            if (allowed != null) {
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    if (!allowed.contains(name)) {
                        problem(path + "/" + escape(name), "unknown member; allowed here: "
                                + String.join(", ", allowed.stream().sorted().toList()));
                    }
                }
            }
            for (String r : required) {
                if (!node.has(r)) {
                    problem(path, "missing \"" + r + "\"");
                }
            }
            return true;
        }

        private String string(JsonNode node, String path, String field, boolean required) {
            JsonNode v = node.get(field);
            if (v == null) {
                return null; // a missing required member is reported by object()
            }
            if (!v.isTextual()) {
                problem(path + "/" + escape(field), "must be a string");
                return null;
            }
            return v.textValue();
        }
    }

    /** A member name as a JSON pointer segment. */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
