package dev.apikey.core;


/** {@code apikey revoke}: revoke the key at the provider, then forget it here (unless asked to keep it). */
public final class RevokeKey {
    private final Workspace ws;

    public RevokeKey(Workspace ws) {
        this.ws = ws;
    }

    public KeyRecord run(KeyRef ref, boolean keepLocal) {
        KeyRecord record = ws.keys().require(ref);
        ws.journal().requireNone(ref);
        ws.recovery().requireNone(ref);
        Provider provider = ws.providers().get(ref.provider());
        if (provider.remote()) {
            if (record.id() == null) {
                throw new UsageException("the provider id of " + ref + " is unknown (it was imported without one)",
                        "revoke it in the provider's console, then run 'apikey forget " + ref + "'");
            }
            for (KeyRecord.PendingRevocation p : record.pendingRevocations()) {
                provider.revoke(p.id());
            }
            provider.revoke(record.id());
        }
        ws.audit().record(AuditEvent.of(ws.clock().instant(), "revoke", ref, record.id(), "ok"));
        ForgetKey.warnOfTargets(ws, ref);
        if (keepLocal) {
            ForgetKey.deletePendingSecrets(ws, record);
            KeyRecord kept = record.revoked(ws.clock().instant()).withPendingRevocations(java.util.List.of());
            ws.keys().update(keys -> keys.put(ref, kept));
            return kept;
        }
        ForgetKey.forgetLocally(ws, record);
        return record;
    }
}
