package dev.apikey.provider.declarative;

import dev.apikey.core.Origin;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a definition's JSON Schema cannot say, checked on the bound {@link Definition}: that every template parses
 * and names only values known where it is used, that its filters exist, that the base URL keeps the management
 * credential on a secure transport, and that a form body is flat. Each problem is reported at its JSON pointer.
 *
 * <p>A new member that holds templates is checked by adding one line to {@link #operation} (or the top level)
 * naming its path and the values it may use.
 */
final class DefinitionChecks {
    private static final List<String> KEY_VALUES = List.of("name", "description", "marker", "scopes", "expiresAt");

    private final List<DefinitionReader.Problem> problems = new ArrayList<>();
    private Set<String> parts = Set.of();
    private Set<String> identifiers = Set.of();
    private Set<String> inputNames = Set.of();

    private DefinitionChecks() {
    }

    /** The problems of a bound definition; empty when it is valid. */
    static List<DefinitionReader.Problem> of(Definition d) {
        DefinitionChecks c = new DefinitionChecks();
        c.definition(d);
        return c.problems;
    }

    /**
     * Which values a template may name where it is.
     *
     * @param identifiersOnly only the credential's identifiers, not its secret parts (what a key keeps)
     */
    private record Namespace(Set<String> plain, boolean credential, boolean inputs, boolean identifiersOnly) {
        static Namespace of(boolean credential, boolean inputs, List<String> plain, String... more) {
            Set<String> all = new LinkedHashSet<>(plain);
            all.addAll(List.of(more));
            return new Namespace(all, credential, inputs, false);
        }
    }

    private void problem(String path, String message) {
        DefinitionReader.Problem p = new DefinitionReader.Problem(path, message);
        if (!problems.contains(p)) {
            problems.add(p);
        }
    }

    private void definition(Definition d) {
        inputNames = d.inputs().keySet();
        if (d.baseUrl() != null && usageTemplate(d.baseUrl(), "/baseUrl", false)) {
            baseUrl(d.baseUrl(), "/baseUrl");
        }
        Namespace management = Namespace.of(true, false, List.of());
        if (d.auth() != null) {
            parts = Set.copyOf(d.auth().parts());
            identifiers = Set.copyOf(d.auth().identifiers());
            d.auth().identifiers().stream().filter(i -> !parts.contains(i)).forEach(i -> problem(
                    "/auth/credential/identifiers", "'" + i + "' is not one of the credential's parts"));
            templates(d.auth().headers(), "/auth/headers", management);
        }
        if (d.usage() != null) {
            usageTemplate(d.usage().value(), "/usage/value", true);
            d.usage().env().forEach((name, value) -> usageTemplate(value, "/usage/env/" + DefinitionReader.escape(name), true));
            d.usage().headers().forEach((name, value) -> usageTemplate(value, "/usage/headers/" + DefinitionReader.escape(name), true));
            if (d.usage().baseUrl() != null && usageTemplate(d.usage().baseUrl(), "/usage/baseUrl", false)) {
                baseUrl(d.usage().baseUrl(), "/usage/baseUrl");
            }
        }
        errorRules(d.errors());
        if (d.challenge() != null) {
            templates(d.challenge().headers(), "/challenge/headers", Namespace.of(false, true, List.of()));
        }
        templates(d.headers(), "/headers", management);
        Definition.Operations ops = d.operations();
        operation(ops.create(), "/operations/create", Namespace.of(true, true, KEY_VALUES));
        if (ops.create() != null) {
            templates(ops.create().params(), "/operations/create/params",
                    new Namespace(new LinkedHashSet<>(KEY_VALUES), true, false, true));
        }
        operation(ops.rotate(), "/operations/rotate", Namespace.of(true, true, KEY_VALUES, "id"));
        if (ops.rotate() != null) {
            for (int i = 0; i < ops.rotate().then().size(); i++) {
                Definition.Operation next = ops.rotate().then().get(i);
                String at = "/operations/rotate/then/" + i;
                Namespace ns = Namespace.of(true, true, KEY_VALUES, "id");
                operation(next, at, ns);
                for (int j = 0; j < next.onlyWith().size(); j++) {
                    ref(next.onlyWith().get(j), ns, at + "/onlyWith/" + j);
                }
                if (next.keep() != null && d.read() == null) {
                    problem(at + "/keep", "needs a read operation (/operations/read) to take the key's members from");
                }
            }
        }
        operation(ops.revoke(), "/operations/revoke", Namespace.of(true, true, List.of(), "id"));
        operation(ops.verify(), "/operations/verify", Namespace.of(false, false, List.of(), "id", "secret"));
        operation(ops.list(), "/operations/list", management);
        operation(ops.read(), "/operations/read", Namespace.of(true, false, List.of(), "id"));
        selfCalls(ops);
    }

    /** The calls a key makes itself: no management credential, and what a lost self-rotation needs afterwards. */
    private void selfCalls(Definition.Operations ops) {
        if (ops.read() != null && ops.read().self() != null) {
            operation(ops.read().self(), "/operations/read/self", Namespace.of(false, false, List.of(), "id"));
        }
        if (ops.rotate() == null || ops.rotate().self() == null) {
            return;
        }
        operation(ops.rotate().self(), "/operations/rotate/self", Namespace.of(false, true, KEY_VALUES, "id"));
        if (ops.verify() == null) {
            problem("/operations/rotate/self", "needs a verify operation (/operations/verify): after a lost answer it"
                    + " tells, without rotating, whether the old key still works");
        }
        if (ops.read() != null && ops.read().self() == null) {
            problem("/operations/read", "needs a self call (/operations/read/self) for the keys that rotate themselves");
        }
        if (!ops.rotate().then().isEmpty()) {
            problem("/operations/rotate/self", "cannot be combined with then: those calls need the management credential");
        }
    }

    /**
     * A base URL, whose placeholders ({@code https://{param.appId}.example.com}) stand for a host label or path
     * segment. A URL that is only a placeholder ({@code {param.apiUrl ?? 'https://…'}}) is checked when filled in.
     */
    private void baseUrl(String url, String path) {
        Template t = Template.parse(url);
        if (t.whole()) {
            return;
        }
        StringBuilder sample = new StringBuilder();
        t.parts().forEach(p -> sample.append(p.placeholder() ? "x" : p.text()));
        try {
            URI u = new URI(sample.toString());
            if (!Origin.of(u).isSecureTransport()) {
                problem(path, "must use https (plain http only to a loopback host)");
            } else if (u.getQuery() != null || u.getFragment() != null) {
                problem(path, "must not have a query or fragment");
            }
        } catch (URISyntaxException | Origin.InvalidException e) {
            problem(path, "must be a full URL such as https://api.example.com");
        }
    }

    /** Each rule's operation is one the format has, its regular expression compiles, its exit code is one it may mean. */
    private void errorRules(Definition.Errors errors) {
        for (int i = 0; i < errors.rules().size(); i++) {
            Definition.ErrorRule r = errors.rules().get(i);
            String path = "/errors/rules/" + i;
            if (r.code() != null && errors.code().isEmpty()) {
                problem(path + "/code", "needs /errors/code: the JSON pointers to the provider's error code");
            }
            if (r.status() == null && r.code() == null && r.matches() == null) {
                problem(path, "needs at least one of status, code and matches");
            }
        }
    }

    private void operation(Definition.Operation op, String path, Namespace ns) {
        if (op == null) {
            return;
        }
        for (int i = 0; i < op.path().size(); i++) {
            template(op.path().get(i), op.path().size() == 1 ? path + "/path" : path + "/path/" + i, ns);
        }
        templates(op.query(), path + "/query", ns);
        templates(op.headers(), path + "/headers", ns);
        if (op.body() != null) {
            op.body().forEachTemplate(path + "/body", (at, t) -> template(t, at, ns));
            if (op.form()) {
                formBody(op.body(), path + "/body");
            }
        }
        op.warnWithout().keySet().forEach(ref -> ref(ref, ns, path + "/warnWithout/" + DefinitionReader.escape(ref)));
        for (int i = 0; i < op.requires().size(); i++) {
            String ref = op.requires().get(i).value();
            if (ref == null || !Template.REF.matcher(ref).matches()) {
                problem(path + "/requires/" + i, "must be a value name such as \"scopes\" or \"param.policies\"");
            } else {
                ref(ref, ns, path + "/requires/" + i);
            }
        }
    }

    private void formBody(JsonTemplate body, String path) {
        if (!(body instanceof JsonTemplate.Members m)) {
            problem(path, "a form body must be an object of fields");
            return;
        }
        m.members().forEach((name, v) -> {
            boolean ok = v instanceof JsonTemplate.Text || v instanceof JsonTemplate.Constant c && !c.value().isNull()
                    || v instanceof JsonTemplate.Elements a && a.elements().stream()
                    .allMatch(e -> e instanceof JsonTemplate.Text || e instanceof JsonTemplate.Constant);
            if (!ok) {
                problem(path + "/" + DefinitionReader.escape(name), "a form field must be text, a number, a boolean or an array of them");
            }
        });
    }

    private void templates(Map<String, Template> templates, String path, Namespace ns) {
        templates.forEach((name, t) -> template(t, path + "/" + DefinitionReader.escape(name), ns));
    }

    private void template(Template t, String path, Namespace ns) {
        if (t.error() != null) {
            problem(path, t.error());
            return;
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
    }

    /**
     * Usage templates are filled in where the key is used: they know the key's {@code secret} and {@code id}, the
     * provider's {@code param.NAME}, and the secret of the key a parameter names ({@code {param.NAME|keySecret}}).
     * Base URLs ({@code keyFields} false) know the provider's {@code param.NAME} only.
     *
     * @return false when the template has a problem
     */
    private boolean usageTemplate(String text, String path, boolean keyFields) {
        Template t;
        try {
            t = Template.parse(text);
        } catch (Template.TemplateException e) {
            problem(path, e.getMessage());
            return false;
        }
        for (Template.Choice c : t.choices()) {
            if (c.literal() != null) {
                continue;
            }
            boolean field = keyFields && (c.ref().equals("secret") || c.ref().equals("id")) && c.filters().isEmpty();
            boolean param = c.ref().startsWith("param.") && (c.filters().isEmpty()
                    || keyFields && c.filters().equals(List.of(UsageTemplates.KEY_SECRET)));
            if (!field && !param) {
                problem(path, keyFields ? "may only use {secret}, {id}, {param.NAME} and {param.NAME|keySecret}"
                        : "may only use {param.NAME}");
                return false;
            }
        }
        return true;
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
                } else if (ns.identifiersOnly() && (key == null || !identifiers.contains(key))) {
                    problem(path, "{" + ref + "} is secret and cannot be kept with a key; only the credential's "
                            + "identifiers (/auth/credential/identifiers) can");
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
}
