package dev.apikey.core;

import dev.apikey.provider.CreatedKey;
import dev.apikey.provider.KeySpec;
import dev.apikey.provider.Provider;
import dev.apikey.store.SecretStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code apikey create}: make the key at the provider, store its secret, record its metadata. */
public final class CreateKey {
    private final Workspace ws;

    public CreateKey(Workspace ws) {
        this.ws = ws;
    }

    public record Request(KeyRef ref, List<String> scopes, String expires, Map<String, String> params,
                          String description) {
    }

    public KeyRecord run(Request request) {
        KeyRef ref = request.ref();
        if (ws.keys().find(ref).isPresent()) {
            throw new UsageException("key " + ref + " already exists",
                    "rotate it with 'apikey rotate " + ref + "', or remove it first with 'apikey forget " + ref + "'");
        }
        Provider provider = ws.providers().get(ref.provider());
        Instant now = ws.clock().instant();
        Instant expiresAt = request.expires() == null ? null : Durations.parseExpiry(request.expires(), now);
        Duration lifetime = expiresAt == null ? null : Duration.between(now, expiresAt);
        // Choose (and if need be, open and unlock) the store before anything exists remotely.
        SecretStore store = WritableStore.choose(ws);
        KeySpec spec = new KeySpec(ref.name(), request.description(), request.scopes(), expiresAt, request.params(), null);
        CreatedKey created = provider.create(spec);
        StoredSecrets.storeOrRecover(ws, store, ref, created, "create");
        KeyRecord record = new KeyRecord(ref, created.id(), store.backend(), KeyRecord.CREATED,
                created.createdAt() != null ? created.createdAt() : now, null,
                created.expiresAt() != null ? created.expiresAt() : expiresAt, lifetime, null,
                request.description(), request.scopes(), request.params(), created.secret().hint(), List.of(), null);
        ws.keys().update(keys -> keys.put(ref, record));
        ws.audit().record(AuditEvent.of(now, "create", ref, created.id(), "ok"));
        return record;
    }
}
