package dev.apikey.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.apikey.core.KeyRecord;
import dev.apikey.core.KeyRef;
import dev.apikey.core.KeyStatus;
import dev.apikey.core.ListKeys;
import dev.apikey.core.RemoteKey;
import dev.apikey.metadata.JsonStreams;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A key as {@code --json} shows it. Field names are a stable contract. It is built from metadata
 * only, so it cannot carry a secret.
 *
 * <p>Written with jackson-core's generator, not databind's mapper: {@code list --json} is what scripts run, and
 * the mapper would load more classes than the rest of a {@code list}. {@code KeyViewTest} holds the text to what
 * the mapper writes for the record.
 */
record KeyView(String ref, String provider, String name, String id, String backend, String origin,
               Instant createdAt, Instant expiresAt, Instant rotatedAt, String status, String hint,
               String description, List<String> scopes, java.time.Duration maxAge, List<Pending> pendingRevocations,
               String remote, String remoteStatus, Instant lastUsedAt) implements Output.JsonWritable {

    record Pending(String id, String hint, Instant revokeAfter) {
    }

    static KeyView of(KeyRecord r, Instant now) {
        return of(r, r.status(now), null);
    }

    static KeyView of(KeyRecord r, KeyStatus status, String remote) {
        return new KeyView(r.ref().toString(), r.ref().provider(), r.ref().name(), r.id(), r.backend(), r.origin(),
                r.createdAt(), r.expiresAt(), r.rotatedAt(), status.label(), r.hint(), r.description(),
                r.scopes(), r.maxAge(), r.pendingRevocations().stream().map(p -> new Pending(p.id(), p.hint(), p.deadline())).toList(),
                remote, null, null);
    }

    static KeyView of(ListKeys.Entry e, KeyStatus localStatus, Instant now) {
        RemoteKey k = e.remoteKey();
        if (e.local() != null) {
            KeyView v = of(e.local(), localStatus, e.remote() == null ? null : e.remote().label());
            return k == null ? v : v.withRemote(k);
        }
        KeyRef ref = e.ref();
        return new KeyView(ref == null ? null : ref.toString(), ref == null ? null : ref.provider(), k.name(), k.id(),
                null, null, k.createdAt(), k.expiresAt(), null,
                k.expiresAt() != null && !k.expiresAt().isAfter(now) ? "expired" : "active", k.hint(), k.description(),
                List.of(), null, List.of(), e.remote().label(), k.status(), k.lastUsedAt());
    }

    /** The view as a JSON object: every field in the record's order, null when unset. */
    @Override
    public void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("ref", ref);
        g.writeStringField("provider", provider);
        g.writeStringField("name", name);
        g.writeStringField("id", id);
        g.writeStringField("backend", backend);
        g.writeStringField("origin", origin);
        g.writeStringField("createdAt", text(createdAt));
        g.writeStringField("expiresAt", text(expiresAt));
        g.writeStringField("rotatedAt", text(rotatedAt));
        g.writeStringField("status", status);
        g.writeStringField("hint", hint);
        g.writeStringField("description", description);
        g.writeFieldName("scopes");
        JsonStreams.writeStrings(g, scopes);
        g.writeStringField("maxAge", text(maxAge));
        g.writeFieldName("pendingRevocations");
        if (pendingRevocations == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (Pending p : pendingRevocations) {
                g.writeStartObject();
                g.writeStringField("id", p.id());
                g.writeStringField("hint", p.hint());
                g.writeStringField("revokeAfter", text(p.revokeAfter()));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeStringField("remote", remote);
        g.writeStringField("remoteStatus", remoteStatus);
        g.writeStringField("lastUsedAt", text(lastUsedAt));
        g.writeEndObject();
    }

    /** ISO-8601, as the mapper writes instants and durations. */
    private static String text(Object instantOrDuration) {
        return instantOrDuration == null ? null : instantOrDuration.toString();
    }

    /** The provider's own status and last use of the key, where it tells them (AWS). */
    KeyView withRemote(RemoteKey k) {
        return new KeyView(ref, provider, name, id, backend, origin, createdAt, expiresAt, rotatedAt, status, hint,
                description, scopes, maxAge, pendingRevocations, remote, k.status(), k.lastUsedAt());
    }
}
