package dev.apikey.core;

import dev.apikey.provider.Provider;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Finds a key for {@code request} and {@code exec}: the secret from {@code APIKEY_SECRET_<REF>} (which
 * needs no metadata, so it works on a CI machine that never saw the key), else from the store its
 * metadata names. A key that was revoked or has expired still works here, with a warning: the
 * provider has the last word.
 */
final class UsableKeys {
    private final Workspace ws;

    UsableKeys(Workspace ws) {
        this.ws = ws;
    }

    /** The key with its provider's usage and binding. */
    UsableKey resolve(KeyRef ref, Collection<KeyRef> others) {
        Found found = secret(ref, others);
        Provider provider = ws.providers().get(ref.provider());
        return new UsableKey(ref, found.record(), found.secret(), found.fromEnvironment(),
                provider.usage(), provider.boundOrigins(), provider.baseUrl());
    }

    /** A secret and where it came from. */
    record Found(Secret secret, boolean fromEnvironment, KeyRecord record) {
    }

    /** Only the secret, for a key whose provider is not needed (an explicit {@code exec --env VAR=REF}). */
    Found secret(KeyRef ref, Collection<KeyRef> others) {
        Optional<Secret> fromEnv = ws.secrets().override(ref, others);
        Optional<KeyRecord> record = ws.keys().find(ref);
        record.ifPresent(this::warnIfStale);
        if (fromEnv.isPresent()) {
            return new Found(fromEnv.get(), true, record.orElse(null));
        }
        KeyRecord r = record.orElseThrow(() -> new NotFoundException("no key " + ref + " here",
                "run 'apikey list' to see your keys; on CI, set " + ref.overrideVariable()));
        return new Found(ws.secrets().fromStore(r), false, r);
    }

    private void warnIfStale(KeyRecord record) {
        Instant now = ws.clock().instant();
        if (record.revokedAt() != null) {
            ws.notices().warn(record.ref() + " was revoked at " + record.revokedAt() + "; the provider will likely refuse it");
        } else if (record.status(now) == KeyStatus.EXPIRED) {
            ws.notices().warn(record.ref() + " expired at " + record.expiresAt() + "; rotate it with 'apikey rotate "
                    + record.ref() + "'");
        }
    }
}
