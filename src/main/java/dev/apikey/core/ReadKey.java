package dev.apikey.core;

import java.util.List;

/** {@code apikey get}: the current secret of a key, from the environment override or its store. */
public final class ReadKey {
    private final Workspace ws;

    public ReadKey(Workspace ws) {
        this.ws = ws;
    }

    public Secret run(KeyRef ref) {
        Secret secret = ws.secrets().current(ref, List.of());
        ws.audit().record(AuditEvent.of(ws.clock().instant(), "get", ref,
                ws.keys().find(ref).map(KeyRecord::id).orElse(null), "ok"));
        return secret;
    }
}
