package dev.apikey.metadata;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.apikey.core.AuditEvent;
import dev.apikey.core.KeyRecord;
import dev.apikey.core.ProviderConfig;
import dev.apikey.core.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * How each metadata record is written and read, field by field in the record's own order, with every
 * field written (null when unset) except in audit lines, which carry only the fields an event has.
 * Instants and durations are ISO-8601 text.
 */
final class MetadataJson {
    private MetadataJson() {
    }

    /** One record type's JSON object. */
    interface Codec<T> {
        void write(JsonGenerator g, T value) throws IOException;

        T read(JsonFields f) throws IOException;
    }

    static final Codec<KeyRecord> KEY_RECORD = new Codec<>() {
        @Override
        public void write(JsonGenerator g, KeyRecord r) throws IOException {
            g.writeStartObject();
            g.writeStringField("ref", text(r.ref()));
            g.writeStringField("id", r.id());
            g.writeStringField("backend", r.backend());
            g.writeStringField("origin", r.origin());
            g.writeStringField("createdAt", text(r.createdAt()));
            g.writeStringField("rotatedAt", text(r.rotatedAt()));
            g.writeStringField("expiresAt", text(r.expiresAt()));
            g.writeStringField("lifetime", text(r.lifetime()));
            g.writeStringField("maxAge", text(r.maxAge()));
            g.writeStringField("description", r.description());
            g.writeFieldName("scopes");
            JsonStreams.writeStrings(g, r.scopes());
            g.writeFieldName("params");
            JsonStreams.writeStringMap(g, r.params());
            g.writeStringField("hint", r.hint());
            g.writeArrayFieldStart("pendingRevocations");
            for (KeyRecord.PendingRevocation p : r.pendingRevocations()) {
                g.writeStartObject();
                g.writeStringField("id", p.id());
                g.writeStringField("hint", p.hint());
                g.writeStringField("deadline", text(p.deadline()));
                g.writeStringField("secretAccount", p.secretAccount());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("revokedAt", text(r.revokedAt()));
            g.writeEndObject();
        }

        @Override
        public KeyRecord read(JsonFields f) throws IOException {
            List<KeyRecord.PendingRevocation> pending = null;
            List<JsonFields> entries = f.objects("pendingRevocations");
            if (entries != null) {
                pending = new ArrayList<>(entries.size());
                for (JsonFields p : entries) {
                    pending.add(new KeyRecord.PendingRevocation(p.string("id"), p.string("hint"), p.instant("deadline"),
                            p.string("secretAccount")));
                }
            }
            return new KeyRecord(f.ref("ref"), f.string("id"), f.string("backend"), f.string("origin"),
                    f.instant("createdAt"), f.instant("rotatedAt"), f.instant("expiresAt"), f.duration("lifetime"),
                    f.duration("maxAge"), f.string("description"), f.strings("scopes"), f.stringMap("params"),
                    f.string("hint"), pending, f.instant("revokedAt"));
        }
    };

    static final Codec<ProviderConfig> PROVIDER_CONFIG = new Codec<>() {
        @Override
        public void write(JsonGenerator g, ProviderConfig c) throws IOException {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeStringField("type", c.type());
            g.writeStringField("baseUrl", c.baseUrl());
            g.writeFieldName("allowHosts");
            JsonStreams.writeStrings(g, c.allowHosts());
            g.writeFieldName("params");
            JsonStreams.writeStringMap(g, c.params());
            g.writeStringField("header", c.header());
            g.writeStringField("scheme", c.scheme());
            g.writeStringField("envVar", c.envVar());
            g.writeStringField("credentialBackend", c.credentialBackend());
            // A definition is JSON text in the domain and a nested object in the file.
            g.writeFieldName("definition");
            JsonStreams.writeRaw(g, c.definition());
            g.writeEndObject();
        }

        @Override
        public ProviderConfig read(JsonFields f) throws IOException {
            return new ProviderConfig(f.string("name"), f.string("type"), f.string("baseUrl"), f.strings("allowHosts"),
                    f.stringMap("params"), f.string("header"), f.string("scheme"), f.string("envVar"),
                    f.string("credentialBackend"), f.json("definition"));
        }
    };

    static final Codec<Target> TARGET = new Codec<>() {
        @Override
        public void write(JsonGenerator g, Target t) throws IOException {
            g.writeStartObject();
            g.writeStringField("ref", text(t.ref()));
            g.writeStringField("destination", t.destination());
            g.writeStringField("name", t.name());
            g.writeFieldName("lastWrite");
            Target.Write w = t.lastWrite();
            if (w == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                g.writeStringField("at", text(w.at()));
                g.writeStringField("result", w.result());
                g.writeStringField("detail", w.detail());
                g.writeStringField("secretSince", text(w.secretSince()));
                g.writeEndObject();
            }
            g.writeEndObject();
        }

        @Override
        public Target read(JsonFields f) throws IOException {
            JsonFields w = f.object("lastWrite");
            return new Target(f.ref("ref"), f.string("destination"), f.string("name"), w == null ? null
                    : new Target.Write(w.instant("at"), w.string("result"), w.string("detail"), w.instant("secretSince")));
        }
    };

    static final Codec<AppConfig> APP_CONFIG = new Codec<>() {
        @Override
        public void write(JsonGenerator g, AppConfig c) throws IOException {
            g.writeStartObject();
            g.writeStringField("backend", c.backend());
            g.writeStringField("keychainTimeout", text(c.keychainTimeout()));
            g.writeEndObject();
        }

        @Override
        public AppConfig read(JsonFields f) throws IOException {
            return new AppConfig(f.string("backend"), f.duration("keychainTimeout"));
        }
    };

    /** An audit line names only what the event has: absent fields are left out, not written as null. */
    static final Codec<AuditEvent> AUDIT_EVENT = new Codec<>() {
        @Override
        public void write(JsonGenerator g, AuditEvent e) throws IOException {
            g.writeStartObject();
            optional(g, "time", text(e.time()));
            optional(g, "action", e.action());
            optional(g, "ref", e.ref());
            optional(g, "id", e.id());
            optional(g, "outcome", e.outcome());
            optional(g, "detail", e.detail());
            optional(g, "origin", e.origin());
            optional(g, "path", e.path());
            g.writeEndObject();
        }

        @Override
        public AuditEvent read(JsonFields f) throws IOException {
            return new AuditEvent(f.instant("time"), f.string("action"), f.string("ref"), f.string("id"),
                    f.string("outcome"), f.string("detail"), f.string("origin"), f.string("path"));
        }
    };

    private static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** A ref, an instant (ISO-8601, as {@code Instant.toString}) or a duration ({@code PT…}) as text. */
    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
