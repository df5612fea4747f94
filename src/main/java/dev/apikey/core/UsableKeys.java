package dev.apikey.core;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** The key with its provider's usage and binding, and the other keys its usage names (one level deep). */
    UsableKey resolve(KeyRef ref, Collection<KeyRef> others) {
        Found found = secret(ref, others);
        Provider provider = ws.providers().get(ref.provider());
        Map<String, UsableKey> linked = new LinkedHashMap<>();
        for (String other : provider.usage().linkedKeys()) {
            KeyRef otherRef;
            try {
                otherRef = KeyRef.parse(other);
            } catch (UsageException e) {
                throw new UsageException(ref + " is used with the key '" + Names.printable(other) + "', which is not a key"
                        + " reference (" + e.getMessage() + ")", "set it to PROVIDER/NAME with 'apikey provider add "
                        + ref.provider() + " --param …'");
            }
            Found o = secret(otherRef, others);
            Provider op = ws.providers().get(otherRef.provider());
            linked.put(other, new UsableKey(otherRef, o.record(), o.secret(), o.fromEnvironment(), op.usage(),
                    op.boundOrigins(), op.usageBaseUrl()));
        }
        return new UsableKey(ref, found.record(), found.secret(), found.fromEnvironment(),
                provider.usage(), provider.boundOrigins(), provider.usageBaseUrl(), linked);
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
        return new Found(ws.secrets().forUse(r), false, r);
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
