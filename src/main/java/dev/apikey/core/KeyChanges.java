package dev.apikey.core;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** What journaled creates and rotations share: markers, finding lost keys, recognising stored secrets. */
final class KeyChanges {
    private KeyChanges() {
    }

    /** A key the provider made, and the journal entry that now records it. */
    record Made(JournalEntry entry, CreatedKey key) {
    }

    /**
     * The journaled create: records {@code creating} (with the ids a lost create is told apart from,
     * where markers cannot be carried), asks the provider, cleans up after a failure, and records
     * {@code created} with the new key's id, hint and fingerprint.
     */
    static Made create(Workspace ws, JournalEntry entry, Provider provider, KeySpec spec) {
        RotationJournal journal = ws.journal();
        JournalEntry creating = journal.record(withKnownIds(entry, provider),
                JournalEntry.Step.of(JournalEntry.StepName.CREATING, ws.clock().instant()));
        CreatedKey created;
        try {
            created = provider.create(spec);
        } catch (ApikeyException e) {
            abandonCreate(ws, journal, creating, provider, e);
            throw e;
        }
        refuseMalformedSecret(ws, creating, provider, created);
        return new Made(recordCreated(ws, creating, created), created);
    }

    /**
     * A secret with control characters is a malformed response (SPEC §7): the key it names is revoked
     * at once, so that nothing unusable is left live, and the change ends with exit 6.
     */
    static void refuseMalformedSecret(Workspace ws, JournalEntry entry, Provider provider, CreatedKey created) {
        java.util.Optional<String> control = created.secret().controlCharacter();
        if (control.isEmpty()) {
            return;
        }
        ws.redactor().register(created.secret());
        String what = provider.name() + " answered with a malformed secret for " + entry.ref() + " (it contains "
                + control.get() + ")";
        if (provider.remote() && created.id() != null) {
            try {
                provider.revoke(created.id());
            } catch (ApikeyException e) {
                // The journal entry stays: 'rotate --resume' finds the key by its marker and revokes it.
                throw new ProviderUnavailableException(what + "; revoking the new key " + created.id() + " failed ("
                        + e.getMessage() + ")", "run 'apikey rotate --resume " + entry.ref() + "' to revoke it");
            }
        }
        ws.journal().finish(entry.ref());
        throw new ProviderUnavailableException(what + "; the new key was revoked and nothing changed here",
                "report it to the provider; try again later");
    }

    /**
     * A native rotation answered with a secret with control characters (SPEC §7): the old secret died with the roll
     * and the new one is unusable, so nothing is stored and the journal entry stays for {@code --resume} to rotate
     * again. The same for the first rotation and for a resume's.
     */
    static void refuseMalformedRolledSecret(Workspace ws, KeyRef ref, Provider provider, CreatedKey created) {
        java.util.Optional<String> control = created.secret().controlCharacter();
        if (control.isEmpty()) {
            return;
        }
        ws.redactor().register(created.secret());
        throw new ResponseLostException(provider.name() + " answered the rotation of " + ref
                + " with a malformed secret (it contains " + control.get() + "); the old secret no longer works",
                "run 'apikey rotate --resume " + ref + "' to rotate it again", null);
    }

    static JournalEntry recordCreated(Workspace ws, JournalEntry entry, CreatedKey created) {
        return ws.journal().record(entry, new JournalEntry.Step(JournalEntry.StepName.CREATED, ws.clock().instant(),
                created.id(), created.secret().hint(), created.expiresAt(), Fingerprint.of(created.secret()),
                created.params()));
    }

    /** Stores the new secret (or saves it to a recovery file, journaled) and records {@code stored}. */
    static JournalEntry store(Workspace ws, JournalEntry entry, SecretStore store, CreatedKey created, String during) {
        try {
            StoredSecrets.storeOrRecover(ws, store, entry.ref(), created, during);
        } catch (StoredSecrets.SavedToRecoveryFile e) {
            ws.journal().record(entry, JournalEntry.Step.of(JournalEntry.StepName.RECOVERY_FILE, ws.clock().instant()));
            throw e;
        }
        return ws.journal().record(entry, JournalEntry.Step.of(JournalEntry.StepName.STORED, ws.clock().instant()));
    }

    /** A unique marker a create carries in the key's remote name or description. */
    static String newMarker() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return "apikey-" + HexFormat.of().formatHex(b);
    }

    /**
     * For a provider whose keys cannot carry the marker (no name or description, e.g. npm tokens):
     * the ids it lists right before the create, recorded in the journal. A key a lost create made is
     * then one that was not there before.
     */
    static JournalEntry withKnownIds(JournalEntry entry, Provider provider) {
        if (!provider.remote() || provider.carriesMarker()) {
            return entry;
        }
        List<String> ids = new ArrayList<>();
        provider.list(k -> ids.add(k.id()));
        return entry.withKnownIds(ids);
    }

    /**
     * The provider's keys a lost create response may have left behind: those carrying the entry's
     * marker, or for a provider whose keys cannot carry one, those that were not there before the create.
     */
    static List<RemoteKey> findLost(Provider provider, JournalEntry entry) {
        java.util.Set<String> before = new java.util.HashSet<>(entry.knownIds());
        List<RemoteKey> found = new ArrayList<>();
        provider.list(k -> {
            if (provider.carriesMarker() ? k.carries(entry.marker()) : !before.contains(k.id())) {
                found.add(k);
            }
        });
        return found;
    }

    /** Whether the store's current secret for the key is the one with this fingerprint. */
    static boolean storeHolds(SecretStore store, KeyRef ref, String fingerprint) {
        return fingerprint != null && store.get(SecretId.forKey(ref)).map(Fingerprint::of).map(fingerprint::equals)
                .orElse(false);
    }

    /**
     * After a create failed: if the provider may nevertheless have made the key (no response, a
     * server error, an unreadable answer), look for it by marker and revoke it, so that no orphan is
     * left behind. When that cannot be settled now, the journal entry stays for {@code --resume}.
     */
    static void abandonCreate(Workspace ws, RotationJournal journal, JournalEntry entry, Provider provider,
                              ApikeyException cause) {
        if (!provider.remote() || !(cause instanceof ProviderUnavailableException)) {
            journal.finish(entry.ref()); // refused outright: nothing was made
            return;
        }
        try {
            List<RemoteKey> orphans = findLost(provider, entry);
            if (orphans.size() > 1) {
                ws.notices().warn("several keys at " + provider.name() + " may have come from this create; "
                        + "'apikey rotate --resume " + entry.ref() + "' lists them");
                return;
            }
            for (RemoteKey orphan : orphans) {
                provider.revoke(orphan.id());
                ws.audit().record(AuditEvent.of(ws.clock().instant(), "revoke", entry.ref(), orphan.id(), "ok")
                        .withDetail("made by a create whose answer was lost"));
                ws.notices().warn("the provider had made key " + orphan.id() + " despite the error; it was revoked");
            }
            journal.finish(entry.ref());
        } catch (ApikeyException searchFailed) {
            ws.notices().warn("the provider may have made a key for " + entry.ref() + " that apikey never received; "
                    + "run 'apikey rotate --resume " + entry.ref() + "' to find and revoke it");
        }
    }
}
