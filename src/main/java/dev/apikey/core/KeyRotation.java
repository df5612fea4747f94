package dev.apikey.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Replaces one key, journaling every step before its side effect. At every instant the store holds
 * a secret the provider accepts: the new secret is stored before the old one is revoked, and a
 * secret the store refuses goes to a recovery file.
 */
final class KeyRotation {
    private final Workspace ws;
    private final RotationJournal journal;

    KeyRotation(Workspace ws) {
        this.ws = ws;
        this.journal = ws.journal();
    }

    RotateKeys.Outcome rotate(KeyRef ref, Duration grace) {
        Provider provider = ws.providers().get(ref.provider());
        RotateKeys.refuseGraceForNative(provider, grace);
        boolean nativeRotation = provider.rotationStyle() == RotationStyle.NATIVE;
        // Opening (and unlocking) the store can take a while: done before the claim, for the backend
        // the key is in, so that no other invocation waits for it.
        KeyRecord seen = rotatable(ws.keys().require(ref), nativeRotation);
        SecretStore store = writableStore(seen);
        store.prepareWrite();
        RotationCredential credential = RotationCredential.of(ws, provider, seen);
        Instant now = ws.clock().instant();

        // What the rotation replaces is read inside the claim: a parallel rotation that finished a
        // moment ago has changed it, and one still running holds the claim (exit 8).
        KeyRecord[] claimed = new KeyRecord[1];
        JournalEntry entry = journal.begin(ref, () -> {
            ws.recovery().requireNone(ref);
            KeyRecord current = rotatable(ws.keys().requireCurrent(ref), nativeRotation);
            if (changedSince(seen, current)) {
                // Two rotations started together: the other one finished first, and this one is not needed.
                throw new ActionNeededException(ref + " was changed by another apikey process meanwhile"
                        + (current.hint() == null ? "" : " (its secret now ends in " + current.hint() + ")"),
                        "check 'apikey list " + ref + "' before rotating it again");
            }
            claimed[0] = current;
            // A rotation keeps the key's lifetime: a key made to last 90 days gets a new 90 days.
            Instant expiry = current.lifetime() == null ? null : now.plus(current.lifetime());
            JournalEntry.Strategy strategy = !provider.remote() ? JournalEntry.Strategy.LOCAL
                    : nativeRotation ? JournalEntry.Strategy.NATIVE : JournalEntry.Strategy.REPLACE;
            return new JournalEntry(ref, JournalEntry.Operation.ROTATE, strategy,
                    KeyChanges.newMarker(), current.backend(), current.id(), current.hint(), grace,
                    new JournalEntry.Spec(current.description(), current.scopes(), current.params(), current.lifetime(),
                            expiry, current.maxAge()),
                    journal.self(), now, List.of(), List.of());
        });
        KeyRecord record = claimed[0];
        Instant expiresAt = entry.spec().expiresAt();
        // With a grace period the old secret is read before anything changes, so it is kept for sure.
        Secret old = null;
        if (grace != null) {
            try {
                old = ws.secrets().fromStore(record);
            } catch (RuntimeException e) {
                journal.finish(ref);
                throw e;
            }
        }
        KeySpec spec = new KeySpec(ref.name(), record.description(), record.scopes(), expiresAt, record.params(),
                entry.marker());

        CreatedKey created;
        if (nativeRotation) {
            entry = journal.record(entry, JournalEntry.Step.of(JournalEntry.StepName.ROTATING, now));
            try {
                created = credential.rotate(provider, record.id(), spec);
            } catch (ProviderUnavailableException e) {
                // No answer or a server error: the provider may have rolled the key, killing the old secret.
                throw new ResponseLostException(e.getMessage() + "; the old secret of " + ref
                        + " may no longer work", "run 'apikey rotate --resume " + ref + "' to rotate it again", e);
            } catch (ApikeyException e) {
                journal.finish(ref); // the provider answered and refused: nothing changed
                throw e;
            }
            KeyChanges.refuseMalformedRolledSecret(ws, ref, provider, created);
            entry = KeyChanges.recordCreated(ws, entry, created);
        } else {
            KeyChanges.Made made = KeyChanges.create(ws, entry, provider, spec);
            entry = made.entry();
            created = made.key();
        }

        if (!nativeRotation && !verified(ref, provider, created)) {
            provider.revoke(created.id());
            journal.finish(ref);
            throw new ProviderUnavailableException("the provider did not accept the new key of " + ref
                    + "; it was revoked and the old key is unchanged");
        }

        List<KeyRecord.PendingRevocation> pending = new ArrayList<>(record.pendingRevocations());
        Instant revokeAfter = null;
        if (old != null) {
            String account = pendingAccount(ref, record.id());
            try {
                store.put(new SecretId(SecretId.KEY_SERVICE, account), old);
            } catch (ApikeyException e) {
                if (provider.remote()) {
                    provider.revoke(created.id());
                }
                journal.finish(ref);
                throw e;
            }
            revokeAfter = now.plus(grace);
            pending.add(new KeyRecord.PendingRevocation(record.id(), record.hint(), revokeAfter, account));
        }
        entry = KeyChanges.store(ws, entry, store, created, "rotate");
        credential.follow(ws, provider, ref, created.secret());
        if (nativeRotation && !verified(ref, provider, created)) {
            // The old secret is already dead: the new one is still the best there is, so it stays.
            ws.notices().warn("the provider did not accept the rotated key of " + ref + " when checked; "
                    + "it is stored anyway, since the previous secret no longer works");
        }
        KeyRecord next = record.rotated(created.id(), created.secret().hint(), now,
                created.expiresAt() != null ? created.expiresAt() : expiresAt, pending);
        ws.keys().update(keys -> keys.put(ref, next));
        entry = journal.record(entry, JournalEntry.Step.of(JournalEntry.StepName.RECORDED, ws.clock().instant()));
        // Every consumer gets the new secret before the old one is revoked; if one cannot, the entry stays.
        TargetWrites writes = new TargetWrites(ws, entry);
        List<TargetWrites.Written> written = writes.writeAll(ref, created.secret(), next.currentSince(), "rotate");
        entry = writes.entry();
        TargetWrites.requireAll(ref, written, nativeRotation || old != null
                ? "the rotation completes once they are" : "the old key stays alive until they are");

        if (!nativeRotation && old == null && provider.remote()) {
            revokeReplaced(entry, provider, record.id(), record.hint());
        }
        journal.finish(ref);
        ws.audit().record(AuditEvent.of(now, "rotate", ref, created.id(), "ok")
                .withDetail("replaced " + (record.id() == null ? "an imported key" : record.id())
                        + (revokeAfter == null ? "" : ", old key revoked after " + revokeAfter)));
        return new RotateKeys.Outcome(ref, RotateKeys.Outcome.ROTATED, record.id(), created.id(), revokeAfter, null, null);
    }

    /** Whether another invocation replaced the key's secret (or moved it) since {@code seen} was read. */
    private static boolean changedSince(KeyRecord seen, KeyRecord current) {
        return !Objects.equals(seen.id(), current.id()) || !Objects.equals(seen.hint(), current.hint())
                || !seen.currentSince().equals(current.currentSince()) || !seen.backend().equals(current.backend());
    }

    private static KeyRecord rotatable(KeyRecord record, boolean nativeRotation) {
        if (record.revokedAt() != null) {
            throw new UsageException(record.ref() + " was revoked", "create a new key with 'apikey create'");
        }
        if (nativeRotation && record.id() == null) {
            throw new UsageException("the provider id of " + record.ref() + " is unknown (it was imported without one)",
                    "import it again with --id, or create a new key");
        }
        return record;
    }

    private SecretStore writableStore(KeyRecord record) {
        SecretStore store = ws.backends().named(record.backend());
        if (!store.writable()) {
            throw new UsageException(record.ref() + " lives in the read-only " + record.backend() + " backend",
                    "rotate it where it is stored");
        }
        return store;
    }

    /**
     * Whether the provider accepts the new key, where it has a verify call. A check that cannot be
     * made (the call itself fails) does not count against the key, which the provider just issued.
     */
    private boolean verified(KeyRef ref, Provider provider, CreatedKey created) {
        try {
            return provider.verify(created).orElse(true);
        } catch (ApikeyException e) {
            ws.notices().warn("could not check the new key of " + ref + " (" + e.getMessage() + "); keeping it");
            return true;
        }
    }

    /** Revokes the replaced key; when that fails it stays pending, due now, for {@code rotate --finish}. */
    void revokeReplaced(JournalEntry entry, Provider provider, String oldId, String oldHint) {
        KeyRef ref = entry.ref();
        if (oldId == null) {
            ws.notices().warn("the replaced key of " + ref + " was imported without its id; revoke it in the "
                    + "provider's console (it ends in " + oldHint + ")");
            return;
        }
        journal.record(entry, JournalEntry.Step.of(JournalEntry.StepName.REVOKING_OLD, ws.clock().instant()));
        try {
            provider.revoke(oldId);
        } catch (NotFoundException gone) {
            // Already revoked (by an earlier attempt, or by hand): the goal is reached.
        } catch (ApikeyException e) {
            KeyRecord.PendingRevocation p = new KeyRecord.PendingRevocation(oldId, oldHint, ws.clock().instant(), null);
            ws.keys().update(keys -> keys.computeIfPresent(ref, (k, r) -> r.withPendingRevocations(
                    RotateKeys.append(r.pendingRevocations(), p))));
            ws.notices().warn("the old key of " + ref + " could not be revoked (" + e.getMessage()
                    + "); 'apikey rotate --finish " + ref + "' retries");
        }
    }

    static String pendingAccount(KeyRef ref, String oldId) {
        return ref + "#" + (oldId == null ? "previous" : oldId);
    }
}
