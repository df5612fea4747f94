package dev.apikey.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keys of one provider held here, read on demand: a key's current secret (its
 * {@code APIKEY_SECRET_<REF>} override first, as everywhere), and the old secrets kept for a grace period.
 * A secret that cannot be read is skipped: it is only a candidate signer.
 */
public final class ProviderHeldKeys implements HeldKeys {
    private final String provider;
    private final KeyIndex index;
    private final KeySecrets secrets;
    private final SecretStores backends;

    public ProviderHeldKeys(String provider, KeyIndex index, KeySecrets secrets, SecretStores backends) {
        this.provider = provider;
        this.index = index;
        this.secrets = secrets;
        this.backends = backends;
    }

    @Override
    public Optional<HeldKey> named(String keyName) {
        return index.find(new KeyRef(provider, keyName)).filter(r -> r.id() != null && r.revokedAt() == null)
                .flatMap(r -> current(r).map(s -> new HeldKey(keyName, r.id(), s)));
    }

    @Override
    public List<HeldKey> all() {
        List<KeyRecord> mine = index.all().stream()
                .filter(r -> r.ref().provider().equals(provider) && r.revokedAt() == null).toList();
        List<HeldKey> held = new ArrayList<>();
        for (KeyRecord r : mine) {
            if (r.id() != null) {
                current(r).ifPresent(s -> held.add(new HeldKey(r.ref().name(), r.id(), s)));
            }
        }
        for (KeyRecord r : mine) {
            for (KeyRecord.PendingRevocation p : r.pendingRevocations()) {
                if (p.id() != null && p.secretAccount() != null) {
                    try {
                        backends.named(r.backend()).get(new SecretId(SecretId.KEY_SERVICE, p.secretAccount()))
                                .ifPresent(s -> held.add(new HeldKey(r.ref().name(), p.id(), s)));
                    } catch (ApikeyException unreadable) {
                        // not a usable signer
                    }
                }
            }
        }
        return held;
    }

    private Optional<Secret> current(KeyRecord r) {
        try {
            Optional<Secret> fromEnv = secrets.override(r.ref(), List.of());
            return fromEnv.isPresent() ? fromEnv : Optional.of(secrets.fromStore(r));
        } catch (NotFoundException | SecretStoreException unreadable) {
            return Optional.empty();
        }
    }
}
