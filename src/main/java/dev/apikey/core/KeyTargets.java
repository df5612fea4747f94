package dev.apikey.core;

import java.util.List;
import java.util.Map;

/** {@code apikey target add|list|remove}: which places receive a key's secret. */
public final class KeyTargets {
    private final Workspace ws;

    public KeyTargets(Workspace ws) {
        this.ws = ws;
    }

    /**
     * Attaches a destination to a key. It is written by the next {@code sync} and by every change of
     * the secret; adding writes nothing yet.
     *
     * @param name the secret's or variable's name there, or null for the key's {@code exec} variable
     */
    public Target add(KeyRef ref, String dest, String name) {
        ws.keys().require(ref);
        Destination destination = ws.destinations().parse(dest);
        String targetName = name != null ? name : execVariable(ref);
        destination.checkName(targetName);
        Target target = new Target(ref, destination.describe(), targetName, null);
        ws.targets().update(all -> {
            if (all.containsKey(target.id())) {
                throw new UsageException(ref + " already has the target " + target.destination(),
                        "remove it first with 'apikey target remove " + ref + " " + target.destination() + "'");
            }
            all.values().stream()
                    .filter(t -> t.destination().equals(target.destination()) && t.name().equals(targetName))
                    .findFirst().ifPresent(other -> {
                        throw new UsageException(other.ref() + " already writes " + targetName + " at "
                                + target.destination() + "; two keys would overwrite each other",
                                "choose another name with --name");
                    });
            all.put(target.id(), target);
            return null;
        });
        ws.audit().record(AuditEvent.of(ws.clock().instant(), "target-add", ref, null, "ok")
                .withDetail(target.destination() + " as " + targetName));
        return target;
    }

    /** The targets of one key, or of every key when {@code ref} is null. */
    public List<Target> list(KeyRef ref) {
        return ref == null ? ws.targets().all() : ws.targets().of(ref);
    }

    /** Detaches a destination; what it holds there stays (apikey does not delete consumers' secrets). */
    public Target remove(KeyRef ref, String dest) {
        String canonical = ws.destinations().parse(dest).describe();
        Target removed = ws.targets().update(all -> all.remove(Target.idOf(ref, canonical)));
        if (removed == null) {
            throw new NotFoundException(ref + " has no target " + canonical, "'apikey target list " + ref + "' lists them");
        }
        ws.audit().record(AuditEvent.of(ws.clock().instant(), "target-remove", ref, null, "ok")
                .withDetail(canonical));
        return removed;
    }

    /**
     * The variable {@code exec} sets for the key: the one its provider declares for the secret itself
     * ({@code OPENAI_API_KEY}), else the first it declares, else the one derived from the key's name.
     */
    String execVariable(KeyRef ref) {
        KeyUsage usage = ws.providers().get(ref.provider()).usage();
        if (usage.environment().isEmpty()) {
            return KeyUsage.derivedVariable(ref.name());
        }
        return usage.environment().entrySet().stream().filter(e -> e.getValue().equals("{secret}"))
                .map(Map.Entry::getKey).findFirst()
                .orElse(usage.environment().keySet().iterator().next());
    }
}
