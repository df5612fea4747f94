package dev.apikey.core;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes keys' secrets. {@code APIKEY_SECRET_<REF>} wins over the store (for CI, also for a
 * key this machine has no metadata for), and {@code -v} says so. Otherwise a key is read from the
 * backend its metadata names, never from another.
 */
public final class KeySecrets {
    private final SecretStores backends;
    private final Map<String, String> environment;
    private final KeyIndex index;
    private final Notices notices;
    private final Redactor redactor;
    private final RotationJournal journal;

    public KeySecrets(SecretStores backends, Map<String, String> environment, KeyIndex index, Notices notices,
                      Redactor redactor, RotationJournal journal) {
        this.backends = backends;
        this.environment = environment;
        this.index = index;
        this.notices = notices;
        this.redactor = redactor;
        this.journal = journal;
    }

    /** The environment override for a key, checked for ambiguity against the known keys and {@code others}. */
    public Optional<Secret> override(KeyRef ref, Collection<KeyRef> others) {
        String variable = ref.overrideVariable();
        String value = environment.get(variable);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        java.util.stream.Stream.concat(index.all().stream().map(KeyRecord::ref), others.stream())
                .filter(other -> !other.equals(ref) && other.overrideVariable().equals(variable))
                .findFirst()
                .ifPresent(other -> {
                    throw new UsageException(ref + " and " + other + " both map to " + variable,
                            "rename one of the keys so their APIKEY_SECRET_ variables differ");
                });
        Secret secret = Secret.of(value);
        redactor.register(secret);
        notices.verbose("using " + variable + " from the environment for " + ref);
        return Optional.of(secret);
    }

    /** The current secret of a key: the environment override, else the store its metadata names. */
    public Secret current(KeyRef ref, Collection<KeyRef> others) {
        Optional<Secret> fromEnv = override(ref, others);
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        return forUse(index.require(ref));
    }

    /**
     * The stored secret of a key about to be used ({@code get}, {@code request}, {@code exec}, sync).
     * Using a key stays possible during an unfinished rotation: the store always holds a valid secret;
     * an interrupted one is reported.
     */
    public Secret forUse(KeyRecord record) {
        KeyRef ref = record.ref();
        journal.find(ref).filter(e -> !journal.ownerAlive(e)).ifPresent(e -> notices.warn("an interrupted "
                + e.operation() + " of " + ref + " is unfinished; using the stored secret. Run 'apikey rotate --resume "
                + ref + "' to complete it"));
        return fromStore(record);
    }

    public Secret fromStore(KeyRecord record) {
        SecretStore store = backends.named(record.backend());
        Secret secret = store.get(SecretId.forKey(record.ref())).orElseThrow(() -> new NotFoundException(
                "the secret of " + record.ref() + " is missing from the " + record.backend() + " store",
                "store it again with 'apikey import " + record.ref() + "', or drop the key with 'apikey forget "
                        + record.ref() + "'"));
        redactor.register(secret);
        return secret;
    }
}
