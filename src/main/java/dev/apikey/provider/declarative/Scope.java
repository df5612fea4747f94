package dev.apikey.provider.declarative;

import dev.apikey.core.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The values a definition's templates can name during one call:
 * <ul>
 *   <li>{@code name}, {@code description}, {@code marker}, {@code scopes}, {@code expiresAt} — the key being made;</li>
 *   <li>{@code id} — the key a call acts on; {@code secret} — the key's own secret (verify only);</li>
 *   <li>{@code param.X} — {@code --param X=V} of {@code create}, else of {@code provider add};</li>
 *   <li>{@code credential}, {@code credential.PART} — the management credential, whole or split;</li>
 *   <li>{@code input.X} — a secret the user supplies at create time (a password, a one-time code).</li>
 * </ul>
 * Secrets are looked up only when a template names them, and every secret that went into a rendered value
 * is remembered, so the caller can mask it in the {@code -v} log.
 */
final class Scope {
    private final Map<String, Object> values;
    private final Map<String, String> keyParams;
    private final Map<String, String> providerParams;
    private final Function<String, Secret> credential;
    private final Function<String, Secret> inputs;
    private final Instant now;
    private final List<String> secretsUsed;

    private Scope(Map<String, Object> values, Map<String, String> keyParams, Map<String, String> providerParams,
                  Function<String, Secret> credential, Function<String, Secret> inputs, Instant now,
                  List<String> secretsUsed) {
        this.values = values;
        this.keyParams = keyParams;
        this.providerParams = providerParams;
        this.credential = credential;
        this.inputs = inputs;
        this.now = now;
        this.secretsUsed = secretsUsed;
    }

    /**
     * @param credential the management credential by part name ({@code ""} for the whole one)
     * @param inputs     create-time secrets by input name
     */
    static Scope of(Map<String, String> providerParams, Function<String, Secret> credential,
                    Function<String, Secret> inputs, Instant now) {
        return new Scope(Map.of(), Map.of(), providerParams, credential, inputs, now, new ArrayList<>());
    }

    /** This scope plus one more value (a null value stays missing). */
    Scope with(String name, Object value) {
        Map<String, Object> copy = new HashMap<>(values);
        if (value != null) {
            copy.put(name, value);
        }
        return new Scope(copy, keyParams, providerParams, credential, inputs, now, secretsUsed);
    }

    /** This scope with the create-time parameters of a key. */
    Scope withKeyParams(Map<String, String> params) {
        return new Scope(values, params, providerParams, credential, inputs, now, secretsUsed);
    }

    Instant now() {
        return now;
    }

    /** The value a reference names, or null when it has none. A secret is returned as a {@link Secret}. */
    Object lookup(String ref) {
        int dot = ref.indexOf('.');
        String space = dot < 0 ? ref : ref.substring(0, dot);
        String key = dot < 0 ? "" : ref.substring(dot + 1);
        return switch (space) {
            case "param" -> keyParams.containsKey(key) ? keyParams.get(key) : providerParams.get(key);
            case "credential" -> credential.apply(key);
            case "input" -> inputs.apply(key);
            default -> dot < 0 ? values.get(ref) : null;
        };
    }

    /** Records a secret that went into a rendered value. */
    void used(Secret secret) {
        secretsUsed.add(secret.reveal());
    }

    /** The secrets rendered so far, for masking. */
    List<String> secretsUsed() {
        return secretsUsed;
    }
}
