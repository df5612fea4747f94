package dev.apikey.provider.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.core.ApikeyException;
import dev.apikey.core.Fingerprint;
import dev.apikey.core.NotFoundException;
import dev.apikey.core.ProviderUnavailableException;
import dev.apikey.core.Secret;
import dev.apikey.core.UsageException;
import dev.apikey.core.CreatedKey;
import dev.apikey.core.KeySpec;
import dev.apikey.core.KeyUsage;
import dev.apikey.core.Provider;
import dev.apikey.core.ProviderConfig;
import dev.apikey.provider.ProviderContext;
import dev.apikey.core.RemoteKey;
import dev.apikey.core.RotationStyle;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A provider whose API is described by a {@link Definition}: the {@code http} type and every built-in that the
 * format can express. Calls are made only when a method needs them; the management credential and any
 * create-time secret are asked for once, on first use.
 */
final class DeclaredProvider implements Provider {
    private final ProviderConfig config;
    private final Definition definition;
    private final String baseUrl;
    private final KeyUsage usage;
    /** How a kept id that stands for a secret one starts. */
    private static final String SECRET_ID = "sha256:";
    /** Where the keys are used when it is not where they are managed (Twilio), else null. */
    private final String usageBaseUrl;
    private final ProviderContext context;
    private final Calls calls;
    private final Map<String, Secret> credentialParts = new HashMap<>();
    private final Map<String, Secret> inputs = new HashMap<>();

    DeclaredProvider(ProviderConfig config, Definition definition, String baseUrl, ProviderContext context) {
        this.config = config;
        this.definition = definition;
        this.baseUrl = baseUrl;
        this.usage = definition.keyUsage(config.params()).overriddenBy(config);
        this.usageBaseUrl = UsageTemplates.usageBaseUrl(definition.usage(), config.params(), config.name());
        this.context = context;
        this.calls = new Calls(config.name(), definition, baseUrl, context);
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public KeyUsage usage() {
        return usage;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public String usageBaseUrl() {
        return usageBaseUrl != null ? usageBaseUrl : baseUrl;
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public RotationStyle rotationStyle() {
        return definition.rotate() != null ? RotationStyle.NATIVE : RotationStyle.REPLACE;
    }

    @Override
    public Optional<Duration> maxAge() {
        return Optional.ofNullable(definition.maxAge());
    }

    @Override
    public boolean carriesMarker() {
        return definition.create() != null && definition.create().marker() != null;
    }

    @Override
    public CreatedKey create(KeySpec spec) {
        Definition.Operation op = definition.create();
        if (op == null) {
            throw new UsageException(config.name() + " keys cannot be made through its API",
                    "make the key in the provider's console, then 'apikey import " + config.name() + "/NAME --id ID'");
        }
        String purpose = "create a key";
        checkUsed(spec, op);
        Scope scope = keyScope(spec);
        op.warnWithout().forEach((ref, warning) -> {
            Object v = scope.lookup(ref);
            if (v == null || v instanceof java.util.Collection<?> c && c.isEmpty() || v instanceof String t && t.isEmpty()) {
                context.notices().warn(config.name() + ": " + warning);
            }
        });
        Response response = calls.send(purpose, op, scope, op.secretPointers());
        JsonNode body;
        try {
            body = calls.json(purpose, response);
        } catch (ProviderUnavailableException e) {
            throw new ProviderUnavailableException(e.getMessage() + "; a key may have been created",
                    "look for it with 'apikey list " + config.name() + " --remote' and revoke it there", e);
        }
        CreatedKey made = created(body, op, spec, null, purpose);
        if (op.params().isEmpty()) {
            return made;
        }
        Map<String, String> kept = new LinkedHashMap<>();
        op.params().forEach((name, template) -> {
            String v = Renderer.text(template, scope);
            if (v != null && !v.isEmpty()) {
                kept.put(name, v);
            }
        });
        return new CreatedKey(made.id(), made.secret(), made.createdAt(), made.expiresAt(), kept);
    }

    /** Scopes the API cannot take are an error; parameters no call uses are worth a warning. */
    private void checkUsed(KeySpec spec, Definition.Operation create) {
        java.util.Set<String> refs = create.refs();
        if (!spec.scopes().isEmpty() && !refs.contains("scopes")) {
            throw new UsageException(config.name() + " keys have no scopes", "leave out --scope");
        }
        for (String param : spec.params().keySet()) {
            String ref = "param." + param;
            boolean used = refs.contains(ref)
                    || definition.rotate() != null && definition.rotate().refs().contains(ref)
                    || definition.revoke().refs().contains(ref)
                    || definition.headers().values().stream().anyMatch(h -> h.refs().contains(ref));
            if (!used) {
                context.notices().warn("--param " + param + " is not used by " + config.name() + " (type "
                        + config.type() + ")");
            }
        }
    }

    @Override
    public CreatedKey rotate(String id, KeySpec spec) {
        if (definition.rotate() == null) {
            return Provider.super.rotate(id, spec);
        }
        return rotate(id, spec, null);
    }

    @Override
    public boolean rotatesItself() {
        return definition.rotate() != null && definition.rotate().self() != null;
    }

    @Override
    public CreatedKey rotateItself(String id, Secret current, KeySpec spec) {
        if (!rotatesItself()) {
            return Provider.super.rotateItself(id, current, spec);
        }
        return rotate(id, spec, current);
    }

    /** @param own the key's secret when the key rotates itself (its {@code self} calls), null for the management credential */
    private CreatedKey rotate(String id, KeySpec spec, Secret own) {
        Definition.Operation op = own == null ? definition.rotate() : definition.rotate().self();
        String purpose = "rotate key " + id + (own == null ? "" : " with its own secret");
        KeyDates before = null;
        if (spec.expiresAt() == null && definition.read() != null) {
            // apikey does not know the key's lifetime (it was imported): a rotation without an expiry gets the
            // provider's default (a week at GitLab), so the key's own dates give the lifetime to keep.
            before = read(id, own);
            spec = withLifetimeOf(before, spec);
        }
        Scope scope = keyScope(spec).with("id", providerId(id));
        Response response = own == null ? calls.send(purpose, op, scope, op.secretPointers())
                : calls.sendWithKey(purpose, op, scope, op.secretPointers(), keyHeader(id, own));
        JsonNode body;
        try {
            body = calls.json(purpose, response);
        } catch (ProviderUnavailableException e) {
            throw new ProviderUnavailableException(e.getMessage() + "; the old secret may no longer work",
                    "rotate again with the management credential", e);
        }
        CreatedKey key = created(body, op, spec, id, purpose);
        for (Definition.Operation next : op.then()) {
            key = followUp(next, key, spec, before);
        }
        return key;
    }

    /**
     * A call after a native rotation (an update that sets the new expiry). The rotation has happened and its secret
     * is the only live one, so a failure here must not lose it: it is reported, and the key keeps what it had.
     */
    private CreatedKey followUp(Definition.Operation next, CreatedKey key, KeySpec spec, KeyDates before) {
        Scope scope = keyScope(spec).with("id", key.id());
        if (next.onlyWith().stream().anyMatch(ref -> scope.lookup(ref) == null)) {
            return key;
        }
        String purpose = "update key " + key.id() + " after rotating it";
        try {
            Scope filled = scope;
            if (next.keep() != null) {
                KeyDates current = before != null ? before : read(key.id());
                filled = scope.with(Calls.KEPT, kept(current.document().at(next.keep().at()), next.keep().members()));
            }
            calls.send(purpose, next, filled, List.of()).close();
            return key;
        } catch (ApikeyException e) {
            Instant kept = before != null ? before.expiresAt() : expiryNow(key.id());
            context.notices().warn(config.name() + ": the key was rotated, but " + purpose + " failed (" + e.getMessage()
                    + "); it keeps its old expiry" + (kept == null ? "" : " (" + kept + ")")
                    + " until it is rotated again");
            return new CreatedKey(key.id(), key.secret(), key.createdAt(), kept);
        }
    }

    /** The key's expiry as the provider has it, or null when it cannot be read. */
    private Instant expiryNow(String id) {
        if (definition.read() == null) {
            return null;
        }
        try {
            return read(id).expiresAt();
        } catch (ApikeyException e) {
            return null;
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode kept(JsonNode key, List<String> members) {
        com.fasterxml.jackson.databind.node.ObjectNode out = dev.apikey.metadata.Json.mapper().createObjectNode();
        for (String m : members) {
            if (key.has(m) && !key.get(m).isNull()) {
                out.set(m, key.get(m));
            }
        }
        return out;
    }

    /** What the read call says about one key, and its answer as a whole. */
    private record KeyDates(String name, Instant createdAt, Instant expiresAt, JsonNode document) {
    }

    private KeyDates read(String id) {
        return read(id, null);
    }

    /** @param own the key's secret when the key reads itself (the read's {@code self} call), else null */
    private KeyDates read(String id, Secret own) {
        Definition.Operation op = own == null ? definition.read() : definition.read().self();
        String purpose = "read key " + id;
        Scope scope = baseScope().with("id", providerId(id));
        JsonNode body = calls.json(purpose, own == null ? calls.send(purpose, op, scope, List.of())
                : calls.sendWithKey(purpose, op, scope, List.of(), keyHeader(id, own)));
        Definition.Response r = op.response();
        return new KeyDates(r.name() == null ? null : RemoteListing.text(body.at(r.name())), time(body, r.createdAt()),
                time(body, r.expiresAt()), body);
    }

    /** The spec with the expiry that keeps the key's lifetime from now on; unchanged when the key never expires. */
    private KeySpec withLifetimeOf(KeyDates dates, KeySpec spec) {
        if (dates.createdAt() == null || dates.expiresAt() == null || !dates.expiresAt().isAfter(dates.createdAt())) {
            context.notices().verbose(config.name() + ": the key has no expiry to keep; the provider chooses one");
            return spec;
        }
        Instant expiresAt = context.clock().instant().plus(Duration.between(dates.createdAt(), dates.expiresAt()));
        return new KeySpec(spec.name(), spec.description(), spec.scopes(), expiresAt, spec.params(), spec.marker());
    }

    /** How far a provider's clock may be behind apikey's when a successor's creation time is compared. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    @Override
    public String idAfterLostRotation(String oldId, Instant rotationStarted) {
        Definition.Operation op = definition.rotate();
        if (op == null || op.successor() == null) {
            return oldId;
        }
        if (definition.list() == null) {
            throw new UsageException(config.name() + ": cannot find the key made by the interrupted rotation: the"
                    + " definition has no list operation");
        }
        String name = definition.read() == null ? null : read(oldId).name();
        List<RemoteKey> live = new java.util.ArrayList<>();
        list(live::add);
        if (live.stream().anyMatch(k -> k.id().equals(oldId))) {
            return oldId; // the rotation never happened: the old key is still the live one
        }
        Instant since = rotationStarted.minus(CLOCK_SKEW);
        List<RemoteKey> successors = live.stream()
                .filter(k -> name == null || name.equals(k.name()))
                .filter(k -> k.createdAt() != null && !k.createdAt().isBefore(since))
                .toList();
        if (successors.size() == 1) {
            context.notices().verbose(config.name() + ": the interrupted rotation of " + oldId + " made "
                    + successors.get(0).id());
            return successors.get(0).id();
        }
        String what = "key " + oldId + (name == null ? "" : " ('" + name + "')") + " is no longer live at " + config.name();
        if (successors.isEmpty()) {
            throw new dev.apikey.core.ActionNeededException(what + ", and no key made by its rotation was found",
                    "look at the keys in the provider's console; rotating the old id again could revoke its successors");
        }
        throw new dev.apikey.core.ActionNeededException(what + ", and several keys may have come from its rotation: "
                + String.join(", ", successors.stream().map(RemoteKey::id).toList()),
                "revoke the ones that are not yours in the provider's console, then resume again");
    }

    @Override
    public void revoke(String id) {
        String purpose = "revoke key " + id;
        calls.send(purpose, definition.revoke(), baseScope().with("id", providerId(id)), List.of()).close();
    }

    /** The id apikey keeps for a key: a fingerprint where the provider's id is the secret itself. */
    private String keptId(String providerId) {
        if (!definition.idIsSecret() || providerId == null) {
            return providerId;
        }
        Secret value = Secret.of(providerId);
        context.redactor().register(value);
        return SECRET_ID + Fingerprint.of(value);
    }

    /**
     * The provider's id for a kept one. Where the id is the secret, apikey never stored it: the key is found among the
     * provider's keys by its fingerprint (Algolia lists its keys' values to the admin key).
     */
    private String providerId(String id) {
        if (!definition.idIsSecret() || id == null || !id.startsWith(SECRET_ID)) {
            return id;
        }
        if (definition.list() == null) {
            throw new UsageException(config.name() + " keys are their own ids, and without a list operation apikey cannot find one");
        }
        String[] found = new String[1];
        new RemoteListing(calls, definition.list(), context.notices()).run(baseScope(), k -> {
            if (found[0] == null && id.equals(keptId(k.id()))) {
                found[0] = k.id();
            }
        });
        if (found[0] == null) {
            throw new NotFoundException(config.name() + ": no key with id " + id + " at the provider",
                    "check with 'apikey list " + config.name() + " --remote'");
        }
        return found[0];
    }

    @Override
    public Optional<Boolean> verify(CreatedKey key) {
        if (definition.verify() == null) {
            return Optional.empty();
        }
        return probe(key.secret(), key.id()).map(Probe::accepted);
    }

    @Override
    public void list(Consumer<RemoteKey> each) {
        if (definition.list() == null) {
            throw new UsageException(config.name() + " cannot list its keys: its definition has no list operation");
        }
        new RemoteListing(calls, definition.list(), context.notices()).run(baseScope(), !definition.idIsSecret() ? each
                : k -> each.accept(new RemoteKey(keptId(k.id()), k.name(), k.description(), k.createdAt(), k.expiresAt(),
                        k.hint() != null ? k.hint() : Secret.of(k.id()).hint())));
    }

    /** What a verify call said: whether the key was accepted, and the key's id when the response has it. */
    private record Probe(boolean accepted, String id) {
    }

    /** Calls verify with the key itself; empty when the answer says nothing about the key (5xx, 404, no response). */
    private Optional<Probe> probe(Secret secret, String id) {
        Definition.Operation op = definition.verify();
        Scope scope = baseScope().with("secret", secret).with("id", definition.idIsSecret() ? secret.reveal() : id);
        Request request = calls.request(op, scope, List.of(), false, keyHeader(id, secret)).build();
        Response response;
        try {
            response = calls.execute("verify the new key", request);
        } catch (ApikeyException e) {
            context.notices().verbose(config.name() + ": could not verify the new key: " + e.getMessage());
            return Optional.empty();
        }
        try (response) {
            int code = response.code();
            if (code == 401 || code == 403) {
                return Optional.of(new Probe(false, null));
            }
            if (code < 200 || code >= 300) {
                context.notices().verbose(config.name() + ": verifying the new key answered HTTP " + code);
                return Optional.empty();
            }
            JsonNode body = op.response().isEmpty() ? null : calls.json("verify the new key", response);
            boolean accepted = op.response().accept() == null || truthy(body.at(op.response().accept()));
            String probedId = op.response().id() == null ? null : RemoteListing.text(body.at(op.response().id()));
            return Optional.of(new Probe(accepted, probedId));
        } catch (ProviderUnavailableException e) {
            context.notices().verbose(config.name() + ": could not read the verify answer: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The header a key is used with, for a call the key makes itself. */
    private Map<String, String> keyHeader(String id, Secret secret) {
        Map<String, String> header = new LinkedHashMap<>();
        header.put(usage.header(), usage.headerValue(id, secret));
        return header;
    }

    private static boolean truthy(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return !(n.isValueNode() ? n.asText().isEmpty() : n.isEmpty());
    }

    /** The key a create or rotate returned; a response without the secret is a failure that leaves nothing behind. */
    private CreatedKey created(JsonNode body, Definition.Operation op, KeySpec spec, String previousId, String purpose) {
        String id = keptId(op.response().id() == null ? null : RemoteListing.text(body.at(op.response().id())));
        if (id == null) {
            id = previousId;
        }
        String secretText = RemoteListing.text(body.at(op.response().secret()));
        if (secretText == null) {
            throw withoutSecret(id, previousId, purpose);
        }
        Secret secret = Secret.of(secretText);
        context.redactor().register(secret);
        if (id == null && definition.verify() != null && definition.verify().response().id() != null) {
            // Some APIs return only the secret; the key can tell its own id.
            id = probe(secret, null).map(Probe::id).orElse(null);
        }
        if (id == null) {
            context.notices().warn(config.name() + " did not say the new key's id: 'apikey revoke' will not be able to"
                    + " revoke it; revoke it in the provider's console when it is no longer needed");
        }
        Instant createdAt = time(body, op.response().createdAt());
        Instant expiresAt = time(body, op.response().expiresAt());
        return new CreatedKey(id, secret, createdAt != null ? createdAt : context.clock().instant(),
                expiresAt != null ? expiresAt : spec.expiresAt());
    }

    private ApikeyException withoutSecret(String id, String previousId, String purpose) {
        String head = config.name() + ": cannot " + purpose + ": the response has no secret";
        if (previousId != null) {
            // A native rotation happened (or not): the old secret may be dead either way.
            return new ProviderUnavailableException(head + "; the old secret may no longer work",
                    "rotate again with the management credential");
        }
        if (id == null) {
            return new ProviderUnavailableException(head + " and no id; a key may have been created",
                    "look for it with 'apikey list " + config.name() + " --remote' and revoke it there");
        }
        try {
            revoke(id);
        } catch (ApikeyException e) {
            return new ProviderUnavailableException(head + "; revoking the new key " + id + " failed too ("
                    + e.getMessage() + ")", "revoke key " + id + " in the provider's console", e);
        }
        return new ProviderUnavailableException(head + "; the new key " + id + " was revoked, so nothing is left behind",
                "try again later");
    }

    private static Instant time(JsonNode body, String pointer) {
        return pointer == null ? null : ProviderTimes.lenient(body.at(pointer));
    }

    /** The values of a key being made; the recovery marker goes where the definition says. */
    private Scope keyScope(KeySpec spec) {
        String name = spec.name();
        String description = spec.description();
        String marker = spec.marker();
        Definition.Marker where = definition.create() == null ? null : definition.create().marker();
        if (marker != null && where == Definition.Marker.NAME) {
            name = name + " [" + marker + "]";
        } else if (marker != null && where == Definition.Marker.DESCRIPTION) {
            description = (description == null || description.isBlank() ? "" : description + " ") + "[" + marker + "]";
        }
        return baseScope().withKeyParams(spec.params())
                .with("name", name)
                .with("description", description)
                .with("marker", marker)
                .with("scopes", spec.scopes())
                .with("expiresAt", spec.expiresAt());
    }

    private Scope baseScope() {
        return Scope.of(config.params(), this::credential, this::input, context.clock().instant());
    }

    /** The management credential, whole ({@code ""}) or one of its parts. */
    private Secret credential(String part) {
        if (credentialParts.isEmpty()) {
            Secret whole = context.managementCredential().get();
            context.redactor().register(whole);
            credentialParts.put("", whole);
            Definition.Auth auth = definition.auth();
            if (auth != null && !auth.parts().isEmpty()) {
                String[] pieces = whole.reveal().split(java.util.regex.Pattern.quote(auth.separator()), auth.parts().size());
                if (pieces.length != auth.parts().size() || java.util.Arrays.stream(pieces).anyMatch(String::isEmpty)) {
                    credentialParts.clear();
                    throw new UsageException("the management credential of " + config.name() + " must be "
                            + String.join(auth.separator(), auth.parts().stream().map(p -> "<" + p + ">").toList()),
                            "store it again with 'apikey provider login " + config.name() + "'");
                }
                for (int i = 0; i < pieces.length; i++) {
                    Secret piece = Secret.of(pieces[i]);
                    context.redactor().register(piece);
                    credentialParts.put(auth.parts().get(i), piece);
                }
            }
        }
        return credentialParts.get(part);
    }

    private Secret input(String name) {
        Secret s = inputs.get(name);
        if (s == null) {
            Definition.Input input = definition.inputs().get(name);
            if (input == null) {
                return null;
            }
            s = context.questions().ask(input.prompt(), input.env());
            context.redactor().register(s);
            inputs.put(name, s);
        }
        return s;
    }
}
