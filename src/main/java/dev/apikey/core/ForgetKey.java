package dev.apikey.core;

import java.util.List;

/** {@code apikey forget}: remove a key's secret and metadata here, leaving the provider alone. */
public final class ForgetKey {
    private final Workspace ws;

    public ForgetKey(Workspace ws) {
        this.ws = ws;
    }

    public KeyRecord run(KeyRef ref) {
        KeyRecord record = ws.keys().require(ref);
        ws.journal().requireNone(ref);
        // Its file would outlive the record, and a resume after a new create or import store it over the new secret.
        ws.recovery().requireNone(ref);
        forgetLocally(ws, record);
        ws.audit().record(AuditEvent.of(ws.clock().instant(), "forget", ref, record.id(), "ok"));
        warnOfTargets(ws, ref);
        return record;
    }

    /** Targets are left as they are: says which still hold a secret of the key, so the user can clean them up. */
    static void warnOfTargets(Workspace ws, KeyRef ref) {
        List<String> holding = ws.targets().of(ref).stream()
                .filter(t -> t.lastWrite() != null && t.lastWrite().ok()).map(Target::destination).toList();
        if (!holding.isEmpty()) {
            ws.notices().warn("these targets still hold a secret of " + ref + ": " + String.join(", ", holding)
                    + " (delete it there; 'apikey target remove " + ref + " DEST' stops delivering to them)");
        }
    }

    /** Deletes the secrets (current and pending revocation), then the metadata. */
    static void forgetLocally(Workspace ws, KeyRecord record) {
        SecretStore store = ws.backends().named(record.backend());
        if (store.writable()) {
            store.delete(SecretId.forKey(record.ref()));
            KeyBindings.forget(ws, store, record.ref());
        }
        deletePendingSecrets(ws, record);
        ws.keys().update(keys -> keys.remove(record.ref()));
    }

    /** Deletes the kept secrets of replaced keys that wait for revocation. */
    static void deletePendingSecrets(Workspace ws, KeyRecord record) {
        SecretStore store = ws.backends().named(record.backend());
        if (!store.writable()) {
            return;
        }
        for (KeyRecord.PendingRevocation p : record.pendingRevocations()) {
            if (p.secretAccount() != null) {
                store.delete(new SecretId(SecretId.KEY_SERVICE, p.secretAccount()));
            }
        }
    }
}
