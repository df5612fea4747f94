package dev.apikey.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code apikey create}: make the key at the provider, store its secret, record its metadata — each
 * step journaled first, so an interrupted create is completed or cleaned up by {@code rotate --resume}.
 */
public final class CreateKey {
    private final Workspace ws;

    public CreateKey(Workspace ws) {
        this.ws = ws;
    }

    public record Request(KeyRef ref, List<String> scopes, Expiry expires, Map<String, String> params,
                          String description, Duration maxAge) {
    }

    public KeyRecord run(Request request) {
        KeyRef ref = request.ref();
        refuseExisting(ws.keys().find(ref).orElse(null), ref);
        Provider provider = ws.providers().get(ref.provider());
        Instant now = ws.clock().instant();
        Instant expiresAt = request.expires() == null ? null : request.expires().at(now);
        Duration lifetime = expiresAt == null ? null : Duration.between(now, expiresAt);
        // Choose (and if need be, open and unlock) the store before anything exists remotely.
        SecretStore store = WritableStore.choose(ws);

        RotationJournal journal = ws.journal();
        // Checked again inside the claim: a parallel create of the same name may have finished meanwhile.
        JournalEntry entry = journal.begin(ref, () -> {
            refuseExisting(ws.keys().update(keys -> keys.get(ref)), ref);
            // A waiting recovery file holds the secret of a key the provider made (an earlier create the store
            // refused): a new key would leave that one alive with nobody holding it.
            ws.recovery().requireNone(ref);
            return new JournalEntry(ref, JournalEntry.Operation.CREATE,
                    provider.remote() ? JournalEntry.Strategy.REPLACE : JournalEntry.Strategy.LOCAL, KeyChanges.newMarker(), store.backend(),
                    null, null, null, new JournalEntry.Spec(request.description(), request.scopes(), request.params(),
                    lifetime, expiresAt, request.maxAge()), journal.self(), now, List.of(), List.of());
        });
        KeySpec spec = new KeySpec(ref.name(), request.description(), request.scopes(), expiresAt, request.params(),
                entry.marker());
        KeyChanges.Made made = KeyChanges.create(ws, entry, provider, spec);
        CreatedKey created = made.key();
        entry = KeyChanges.store(ws, made.entry(), store, created, "create");
        KeyRecord record = recordOf(entry, created.id(), created.secret().hint(), created.createdAt(),
                created.expiresAt(), created.params());
        ws.keys().update(keys -> keys.put(ref, record));
        journal.finish(ref);
        ws.audit().record(AuditEvent.of(now, "create", ref, created.id(), "ok"));
        TargetWrites.requireAll(ref, new TargetWrites(ws, null).writeAll(ref, created.secret(), record.currentSince(),
                "create"), "the key is created and stored");
        return record;
    }

    /** The user's parameters, and what the provider says the key keeps besides (the user's win). */
    private static java.util.Map<String, String> withKept(java.util.Map<String, String> given,
                                                          java.util.Map<String, String> kept) {
        java.util.Map<String, String> all = new java.util.TreeMap<>(kept);
        all.putAll(given);
        return all;
    }

    private static void refuseExisting(KeyRecord existing, KeyRef ref) {
        if (existing != null) {
            throw new UsageException("key " + ref + " already exists",
                    "rotate it with 'apikey rotate " + ref + "', or remove it first with 'apikey forget " + ref + "'");
        }
    }

    /**
     * The metadata of a key made by a (possibly resumed) journaled create.
     *
     * @param kept what the provider says the key keeps besides the user's parameters (journaled with it)
     */
    static KeyRecord recordOf(JournalEntry entry, String id, String hint, Instant createdAt, Instant providerExpiry,
                              java.util.Map<String, String> kept) {
        JournalEntry.Spec spec = entry.spec();
        return new KeyRecord(entry.ref(), id, entry.backend(), KeyRecord.CREATED,
                createdAt != null ? createdAt : entry.startedAt(), null,
                providerExpiry != null ? providerExpiry : spec.expiresAt(), spec.lifetime(), spec.maxAge(),
                spec.description(), spec.scopes(), withKept(spec.params(), kept), hint, List.of(), null);
    }
}
