package dev.apikey.core;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code apikey import}: keep an existing secret for a key made elsewhere. */
public final class ImportKey {
    private final Workspace ws;

    public ImportKey(Workspace ws) {
        this.ws = ws;
    }

    public record Request(KeyRef ref, Secret secret, String id, Expiry expires, String description, Duration maxAge) {
    }

    public KeyRecord run(Request request) {
        KeyRef ref = request.ref();
        request.secret().controlCharacter().ifPresent(c -> {
            throw new UsageException("the secret contains " + c + "; a secret is text without control characters",
                    "check what was piped in (e.g. 'printf %s \"$KEY\" | apikey import " + ref + "')");
        });
        if (ws.keys().find(ref).isPresent()) {
            throw new UsageException("key " + ref + " already exists",
                    "remove it first with 'apikey forget " + ref + "', or pick another name");
        }
        ws.journal().requireNone(ref);
        // A waiting recovery file holds the secret of a key the provider made: importing any other would leave that
        // key alive with nobody holding it, and the resume afterwards store the file's over the imported one.
        Optional<Path> waiting = ws.recovery().existing(ref);
        if (waiting.isPresent() && !ws.recovery().read(ref).map(r -> Secret.of(r.secret()).equals(request.secret()))
                .orElse(false)) {
            throw new ActionNeededException("a secret of " + ref + " that the store refused waits in its recovery file "
                    + waiting.get() + ", and this is another one",
                    "import the secret that file holds ('apikey import " + ref + " --id ID', with its id), then run"
                    + " 'apikey rotate --resume " + ref + "'");
        }
        if (!ws.providers().exists(ref.provider())) {
            ws.providers().config(ref.provider()); // throws the not-found error with its hint
        }
        Instant now = ws.clock().instant();
        Instant expiresAt = request.expires() == null ? null : request.expires().at(now);
        Duration lifetime = expiresAt == null ? null : Duration.between(now, expiresAt);
        ws.redactor().register(request.secret());
        SecretStore store = WritableStore.choose(ws);
        store.put(SecretId.forKey(ref), request.secret());
        KeyBindings.record(ws, store, ref);
        KeyRecord record = new KeyRecord(ref, request.id(), store.backend(), KeyRecord.IMPORTED, now, null, expiresAt,
                lifetime, request.maxAge(), request.description(), List.of(), null, request.secret().hint(), List.of(), null);
        ws.keys().update(keys -> keys.put(ref, record));
        ws.audit().record(AuditEvent.of(now, "import", ref, request.id(), "ok"));
        TargetWrites.requireAll(ref, new TargetWrites(ws, null).writeAll(ref, request.secret(), record.currentSince(),
                "import"), "the key is stored");
        return record;
    }
}
