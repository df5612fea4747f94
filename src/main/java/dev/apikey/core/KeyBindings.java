package dev.apikey.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * Where a stored key may be sent, recorded in the secret store beside its secret ({@link BindingStore}).
 * The config directory says where a provider lives; the store, which the config directory cannot
 * rewrite, says where its keys were meant to go, so a swapped config directory cannot redirect a
 * stored key. A key whose binding is missing or does not verify is never sent by configuration alone.
 * The encrypted file store seals the binding into the secret's own entry, so the two cannot be
 * removed apart.
 */
public final class KeyBindings {
    private KeyBindings() {
    }

    /**
     * Records the origins the key's provider binds it to now, after its secret was stored. Best-effort:
     * the secret is already safe; without a binding {@code request} refuses the key until it is stored again.
     */
    static void record(Workspace ws, SecretStore store, KeyRef ref) {
        if (!store.writable()) {
            return;
        }
        try {
            List<String> origins = ws.providers().get(ref.provider()).boundOrigins();
            ws.bindings().write(store, ref, origins);
        } catch (ApikeyException e) {
            ws.notices().warn("could not record where " + ref + " may be sent (" + e.getMessage()
                    + "); 'apikey request' will refuse it until it is imported again");
        }
    }

    /** Deletes the recorded binding, with the key's secret. */
    static void forget(Workspace ws, SecretStore store, KeyRef ref) {
        ws.bindings().delete(store, ref);
    }

    /**
     * Refuses (exit 7) a stored key whose recorded binding differs from where its provider's
     * configuration would now send it, and one with no binding recorded at all (it was removed, or the
     * key was stored by an apikey that did not record bindings): deleting a binding must not be a way
     * around it. Keys from {@code APIKEY_SECRET_<REF>} follow the configuration.
     */
    static void verify(Workspace ws, UsableKey key) {
        if (key.fromEnvironment() || key.record() == null) {
            return;
        }
        SecretStore store = ws.backends().named(key.record().backend());
        Optional<List<String>> binding;
        try {
            binding = store.writable() ? ws.bindings().read(store, key.ref()) : Optional.empty();
        } catch (BindingStore.UnreadableException e) {
            throw new PolicyException("the binding recorded for " + key.ref() + " in the " + store.backend()
                    + " store is unreadable", reStore(key.ref()));
        }
        if (binding.isEmpty()) {
            throw new PolicyException("no binding is recorded for " + key.ref() + " in the " + store.backend()
                    + " store, so where it may be sent cannot be verified", reStore(key.ref()));
        }
        Set<String> recorded = canonical(binding.get());
        List<String> bound = key.boundOrigins();
        if (!recorded.equals(canonical(bound)) && !recorded.equals(canonical(asRecordedBefore(bound)))) {
            throw new PolicyException(key.ref() + " was stored for " + describe(binding.get()) + ", but provider "
                    + key.ref().provider() + " is now configured for " + describe(key.boundOrigins()),
                    "check the config directory; if the provider moved on purpose, store the key again ('apikey forget "
                            + key.ref() + "', then 'apikey import " + key.ref() + "')");
        }
    }

    /**
     * The origins as {@link Origin} writes them now, so that a binding an earlier apikey recorded in another spelling
     * of the same origins ({@code https://api.x:443}, a scheme in capitals) still verifies. An entry that is no plain
     * origin (a provider's wildcard, such as AWS's {@code https://*.amazonaws.com}) is compared as written.
     */
    private static Set<String> canonical(List<String> origins) {
        Set<String> out = new HashSet<>();
        for (String o : origins) {
            try {
                out.add(Origin.parse(o).toString());
            } catch (Origin.InvalidException notAPlainOrigin) {
                out.add(o);
            }
        }
        return out;
    }

    /**
     * The binding an earlier apikey recorded for the same configuration. It wrote a loopback {@code --allow-host}
     * given without a scheme as https on its port; such a key still verifies, as what the entry allows now
     * differs only in scheme and port on this machine's loopback.
     */
    private static List<String> asRecordedBefore(List<String> origins) {
        return origins.stream().map(AllowedHost::recordedBefore).toList();
    }

    private static String reStore(KeyRef ref) {
        return "if the provider's configuration is right, store the key again: 'apikey forget " + ref
                + "' (it stays live at the provider), then 'apikey import " + ref + "' — or create a new key";
    }

    static String describe(List<String> origins) {
        return origins.isEmpty() ? "no host" : String.join(", ", origins);
    }
}
