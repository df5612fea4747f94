package dev.apikey.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code rotate --resume}: completes or cleanly rolls back a create or rotation that was interrupted,
 * from what its journal says happened, and consumes recovery files.
 */
final class ResumeChanges {
    private final Workspace ws;
    private final RotationJournal journal;

    ResumeChanges(Workspace ws) {
        this.ws = ws;
        this.journal = ws.journal();
    }

    /** The keys with something to resume: journal entries and recovery files. */
    List<KeyRef> pending() {
        List<KeyRef> refs = new ArrayList<>();
        journal.all().forEach(e -> refs.add(e.ref()));
        for (var file : ws.recovery().list()) {
            ws.recovery().refOf(file).filter(r -> !refs.contains(r)).ifPresent(refs::add);
        }
        return refs;
    }

    RotateKeys.Outcome resume(KeyRef ref) {
        Optional<JournalEntry> seen = journal.find(ref);
        if (seen.isEmpty()) {
            if (ws.recovery().existing(ref).isPresent()) {
                return storeOrphanedRecovery(ref);
            }
            throw new NotFoundException("nothing to resume for " + ref, "'apikey status' lists unfinished changes");
        }
        // Everything this resume acts on is read after the claim: a parallel resume of the same entry
        // is then either still running (exit 8 here) or done, and its result is not acted on twice.
        JournalEntry entry = journal.takeOver(ref).orElseThrow(() -> new ActionNeededException("the interrupted "
                + seen.get().operation() + " of " + ref + " was resumed by another apikey process meanwhile",
                "run 'apikey list' to see the key as it is now"));
        Optional<RecoveryFiles.Recovered> recovered = ws.recovery().read(ref);
        if (entry.operation() == JournalEntry.Operation.SYNC) {
            // A sync changes nothing but its targets, and writing them again is harmless. A recovery file of the key
            // is none of its business: it stays for a resume of its own.
            journal.finish(ref);
            new SyncTargets(ws).run(List.of(ref), false);
            return ended(entry, entry.oldId());
        }
        if (entry.operation() == JournalEntry.Operation.RECOVERY) {
            // No file left: the resume that died had stored its secret, since the file goes only after that.
            return recovered.map(r -> storeRecovered(entry, r)).orElseGet(() -> completed(entry, null));
        }
        Provider provider = ws.providers().get(ref.provider());
        SecretStore store = ws.backends().named(entry.backend());
        if (entry.strategy() == JournalEntry.Strategy.NATIVE) {
            return resumeNative(entry, provider, store, recovered);
        }
        return resumeReplace(entry, provider, store, recovered);
    }

    /** A create, or a rotation that makes a new key and revokes the old one. */
    private RotateKeys.Outcome resumeReplace(JournalEntry entry, Provider provider, SecretStore store,
                                             Optional<RecoveryFiles.Recovered> recovered) {
        KeyRef ref = entry.ref();
        Optional<JournalEntry.Step> created = entry.step(JournalEntry.StepName.CREATED);
        if (created.isEmpty()) {
            if (!entry.reached(JournalEntry.StepName.CREATING) || !provider.remote()) {
                return rolledBack(entry, "nothing had been created");
            }
            List<RemoteKey> candidates = KeyChanges.findLost(provider, entry);
            Optional<JournalEntry.Step> listed = entry.step(JournalEntry.StepName.CANDIDATES);
            if (candidates.size() > 1) {
                String ids = candidates.stream().map(RemoteKey::id).collect(Collectors.joining(","));
                journal.record(entry, new JournalEntry.Step(JournalEntry.StepName.CANDIDATES, ws.clock().instant(), ids,
                        null, null, null));
                throw new ActionNeededException("several keys at " + provider.name() + " may have come from the interrupted "
                        + entry.operation() + " of " + ref + " (" + (provider.carriesMarker() ? "they carry its marker "
                        + entry.marker() : "made since it started") + "): " + ids.replace(",", ", "),
                        "revoke the one it made in the provider's console, then run 'apikey rotate --resume " + ref
                                + "' again");
            }
            if (listed.isPresent() && List.of(listed.get().id().split(",")).containsAll(candidates.stream()
                    .map(RemoteKey::id).toList())) {
                // The user settled a listed ambiguity by revoking keys: what is left is theirs, not ours.
                return rolledBack(entry, "the candidates left after yours were revoked are kept");
            }
            for (RemoteKey orphan : candidates) {
                revokeIgnoringGone(provider, orphan.id());
                audit(ref, "revoke", orphan.id(), "made by an interrupted " + entry.operation() + ", secret never received");
            }
            return rolledBack(entry, candidates.isEmpty() ? "the provider had made no key"
                    : "revoked " + candidates.get(0).id() + ", whose secret never arrived");
        }
        JournalEntry.Step step = created.get();
        boolean stored = entry.reached(JournalEntry.StepName.STORED) || KeyChanges.storeHolds(store, ref, step.fingerprint());
        if (!stored && recovered.isPresent() && step.id() != null && step.id().equals(recovered.get().id())) {
            putRecovered(store, ref, recovered.get());
            stored = true;
        }
        if (!stored) {
            if (provider.remote()) {
                revokeIgnoringGone(provider, step.id());
                audit(ref, "revoke", step.id(), "its secret was lost in an interrupted " + entry.operation());
            }
            return rolledBack(entry, "the new key's secret was never stored; "
                    + (provider.remote() ? "the key " + step.id() + " was revoked" : "it was discarded"));
        }
        if (entry.operation() == JournalEntry.Operation.CREATE) {
            if (!entry.reached(JournalEntry.StepName.RECORDED) && ws.keys().find(ref).isEmpty()) {
                KeyRecord record = CreateKey.recordOf(entry, step.id(), step.hint(), step.at(), step.expiresAt(),
                        step.kept());
                ws.keys().update(keys -> keys.put(ref, record));
            }
            writeTargets(entry, store, "the key is created");
            return completed(entry, step.id());
        }
        KeyRecord current = ws.keys().require(ref);
        if (!step.id().equals(current.id()) || !step.hint().equals(current.hint())) {
            List<KeyRecord.PendingRevocation> pending = new ArrayList<>(current.pendingRevocations());
            if (entry.grace() != null) {
                pending.add(new KeyRecord.PendingRevocation(entry.oldId(), entry.oldHint(),
                        entry.startedAt().plus(entry.grace()), KeyRotation.pendingAccount(ref, entry.oldId())));
            }
            KeyRecord next = current.rotated(step.id(), step.hint(), entry.startedAt(),
                    step.expiresAt() != null ? step.expiresAt() : entry.spec().expiresAt(), pending);
            ws.keys().update(keys -> keys.put(ref, next));
        }
        entry = writeTargets(entry, store, entry.grace() == null && provider.remote()
                ? "the old key stays alive until they are" : "the rotation completes once they are");
        if (entry.grace() == null && provider.remote()) {
            new KeyRotation(ws).revokeReplaced(entry, provider, entry.oldId(), entry.oldHint());
        }
        return completed(entry, step.id());
    }

    /**
     * A native rotation: the old secret died when the provider rolled the key. If the new secret never
     * reached the store, no valid secret is held, so the key is rotated again with the management
     * credential and the outage is reported.
     */
    private RotateKeys.Outcome resumeNative(JournalEntry entry, Provider provider, SecretStore store,
                                            Optional<RecoveryFiles.Recovered> recovered) {
        KeyRef ref = entry.ref();
        if (!entry.reached(JournalEntry.StepName.ROTATING)) {
            return rolledBack(entry, "nothing had been sent to the provider");
        }
        Optional<JournalEntry.Step> created = entry.step(JournalEntry.StepName.CREATED);
        boolean stored = created.isPresent() && (entry.reached(JournalEntry.StepName.STORED)
                || KeyChanges.storeHolds(store, ref, created.get().fingerprint()));
        if (!stored && recovered.isPresent()) {
            putRecovered(store, ref, recovered.get());
            stored = true;
        }
        String id = entry.oldId();
        String hint;
        Instant expiresAt;
        String outage = null;
        if (stored) {
            hint = created.map(JournalEntry.Step::hint).orElse(recovered.map(r -> Secret.of(r.secret()).hint()).orElse(null));
            expiresAt = created.map(JournalEntry.Step::expiresAt).orElse(null);
        } else {
            Instant since = entry.step(JournalEntry.StepName.ROTATING).map(JournalEntry.Step::at).orElse(entry.startedAt());
            KeySpec spec = new KeySpec(ref.name(), entry.spec().description(), entry.spec().scopes(),
                    entry.spec().expiresAt(), entry.spec().params(), entry.marker());
            RotationCredential credential = RotationCredential.of(ws, provider, ws.keys().require(ref));
            CreatedKey again = credential.itself() ? rotateItselfAgain(entry, provider, credential, spec, since)
                    : provider.rotate(provider.idAfterLostRotation(id, since), spec);
            KeyChanges.refuseMalformedRolledSecret(ws, ref, provider, again);
            KeyChanges.store(ws, KeyChanges.recordCreated(ws, entry, again), store, again, "resume");
            credential.follow(ws, provider, ref, again.secret());
            id = again.id();
            hint = again.secret().hint();
            expiresAt = again.expiresAt();
            outage = outage(since);
            ws.notices().warn(ref + ": " + outage + "; the key was rotated again");
        }
        KeyRecord current = ws.keys().require(ref);
        String newHint = hint;
        KeyRecord next = current.rotated(id, newHint, entry.startedAt(),
                expiresAt != null ? expiresAt : entry.spec().expiresAt(), current.pendingRevocations());
        ws.keys().update(keys -> keys.put(ref, next));
        writeTargets(entry, store, "the rotation completes once they are");
        RotateKeys.Outcome done = completed(entry, id);
        return new RotateKeys.Outcome(done.ref(), done.state(), done.oldId(), done.newId(), null, null, outage);
    }

    /**
     * A lost rotation the key made with its own secret. Without a management credential the successor it made cannot
     * be found, and the old secret must never rotate again (GitLab would revoke the whole token family). So the old
     * secret is only asked whether it still works, by a call that rotates nothing: if it does, the rotation never
     * happened and is made now; if not, the key is lost, and the user is told so and how to replace it.
     */
    private CreatedKey rotateItselfAgain(JournalEntry entry, Provider provider, RotationCredential credential,
                                         KeySpec spec, Instant since) {
        KeyRef ref = entry.ref();
        Optional<Boolean> live = provider.verify(new CreatedKey(entry.oldId(), credential.own(), null, null));
        if (live.isEmpty()) {
            throw new ProviderUnavailableException(provider.name() + ": cannot tell whether the old secret of " + ref
                    + " still works", "run 'apikey rotate --resume " + ref + "' again later");
        }
        if (live.get()) {
            return provider.rotateItself(entry.oldId(), credential.own(), spec);
        }
        journal.finish(ref);
        audit(ref, "resume", null, "abandoned the interrupted rotation: its new secret was lost");
        String login = credential.managementIsKey()
                ? " and log the provider in with the new token ('apikey provider login " + provider.name() + "')" : "";
        throw new ActionNeededException("the interrupted rotation of " + ref + " revoked its old secret, and the new one"
                + " never arrived; with no management credential of " + provider.name() + " to find the key it made, "
                + ref + " cannot be recovered (" + outage(since) + ")",
                "make a new key in the provider's web UI (and revoke the one the rotation made at " + since
                        + ", whose secret nobody holds), then 'apikey forget " + ref + "' and 'apikey import " + ref
                        + " --id ID'" + login);
    }

    private String outage(Instant since) {
        Duration window = Duration.between(since, ws.clock().instant());
        return "no valid secret was held from " + since + " for " + Durations.format(window.isZero()
                ? Duration.ofSeconds(1) : window.withNanos(0).plusSeconds(window.getNano() > 0 ? 1 : 0));
    }

    /**
     * Writes the stored secret to the targets that do not hold it yet; when one cannot be written, the
     * entry stays (exit 8) for {@code sync} or another resume.
     */
    private JournalEntry writeTargets(JournalEntry entry, SecretStore store, String consequence) {
        KeyRef ref = entry.ref();
        if (ws.targets().of(ref).isEmpty()) {
            return entry;
        }
        Secret secret = store.get(SecretId.forKey(ref)).orElseThrow(() -> new NotFoundException(
                "the secret of " + ref + " is not in its store", "run 'apikey status'"));
        TargetWrites writes = new TargetWrites(ws, entry);
        TargetWrites.requireAll(ref, writes.writePending(ref, secret, "resume"), consequence);
        return writes.entry();
    }

    /**
     * A recovery file with no journal entry (the journal was finished by hand, or is from a create). It is consumed
     * under an entry of its own, begun as every change of the key is: while its secret is being stored, a rotate,
     * revoke or another resume of the key finds the change in progress (exit 8), instead of storing a secret this
     * resume would then overwrite with an older one. A resume that dies midway leaves the entry for the next.
     */
    private RotateKeys.Outcome storeOrphanedRecovery(KeyRef ref) {
        RecoveryFiles.Recovered[] claimed = new RecoveryFiles.Recovered[1];
        JournalEntry entry = journal.begin(ref, () -> {
            // Read inside the claim, and only there: another resume may have consumed the file a moment ago.
            claimed[0] = ws.recovery().read(ref).orElseThrow(() -> new ActionNeededException("the recovery file of "
                    + ref + " was consumed by another apikey process meanwhile", "run 'apikey list' to see the key as it is now"));
            KeyRecord current = ws.keys().find(ref).orElseThrow(() -> new ActionNeededException("the recovery file of "
                    + ref + " holds the secret of a key apikey has no record of (it was forgotten, or its create never"
                    + " completed)", "import the key with the secret and id in that file ('apikey status' shows where):"
                    + " 'apikey import " + ref + " --id ID', then run 'apikey rotate --resume " + ref + "' again"));
            return new JournalEntry(ref, JournalEntry.Operation.RECOVERY, JournalEntry.Strategy.LOCAL, null,
                    current.backend(), current.id(), current.hint(), null, null, journal.self(), ws.clock().instant(),
                    List.of(), List.of());
        });
        return storeRecovered(entry, claimed[0]);
    }

    /**
     * Stores the secret of a recovery file as the key's current one, deletes the file, then ends the entry. Each step
     * can be done again: the resume of an entry whose owner died after storing stores the same secret once more.
     */
    private RotateKeys.Outcome storeRecovered(JournalEntry entry, RecoveryFiles.Recovered r) {
        KeyRef ref = entry.ref();
        try {
            putRecovered(ws.backends().named(entry.backend()), ref, r);
        } catch (ApikeyException refused) {
            // The store still refuses it: the file stays as it was, and is all a later resume needs.
            journal.finish(ref);
            throw refused;
        }
        KeyRecord current = ws.keys().require(ref);
        String id = r.id() != null ? r.id() : current.id();
        String hint = Secret.of(r.secret()).hint();
        Instant expiresAt = r.expiresAt() != null ? r.expiresAt() : current.expiresAt();
        if (!Objects.equals(id, current.id()) || !hint.equals(current.hint())) {
            ws.keys().update(keys -> keys.put(ref, current.rotated(id, hint, ws.clock().instant(), expiresAt,
                    current.pendingRevocations())));
        } else if (!Objects.equals(expiresAt, current.expiresAt())) {
            // The key imported with the file's own secret (the way out for a key apikey no longer knew): the same
            // key, not a rotation, with the lifetime the provider gave it.
            ws.keys().update(keys -> keys.put(ref, current.withExpiresAt(expiresAt)));
        }
        ws.recovery().delete(ref);
        journal.finish(ref);
        audit(ref, "resume", r.id(), "stored the secret from its recovery file");
        return new RotateKeys.Outcome(ref, RotateKeys.Outcome.COMPLETED, entry.oldId(), r.id(), null, null,
                "stored the secret from its recovery file");
    }

    /** Stores a secret from its recovery file, with the key's origin binding, as a normal store would. */
    private void putRecovered(SecretStore store, KeyRef ref, RecoveryFiles.Recovered r) {
        Secret secret = Secret.of(r.secret());
        ws.redactor().register(secret);
        store.put(SecretId.forKey(ref), secret);
        KeyBindings.record(ws, store, ref);
    }

    private RotateKeys.Outcome completed(JournalEntry entry, String newId) {
        // The file before the entry: a file left without its entry would be consumed as an orphan, over whatever a
        // later rotation stored.
        ws.recovery().delete(entry.ref());
        return ended(entry, newId);
    }

    private RotateKeys.Outcome ended(JournalEntry entry, String newId) {
        journal.finish(entry.ref());
        audit(entry.ref(), "resume", newId, "completed the interrupted " + entry.operation());
        return new RotateKeys.Outcome(entry.ref(), RotateKeys.Outcome.COMPLETED, entry.oldId(), newId, null, null,
                "completed the interrupted " + entry.operation());
    }

    private RotateKeys.Outcome rolledBack(JournalEntry entry, String why) {
        if (entry.grace() != null) {
            // The copy of the old secret kept for the grace period has no use without the new key.
            SecretStore store = ws.backends().named(entry.backend());
            store.delete(new SecretId(SecretId.KEY_SERVICE, KeyRotation.pendingAccount(entry.ref(), entry.oldId())));
        }
        journal.finish(entry.ref());
        audit(entry.ref(), "resume", null, "rolled back the interrupted " + entry.operation() + ": " + why);
        return new RotateKeys.Outcome(entry.ref(), RotateKeys.Outcome.ROLLED_BACK, entry.oldId(), null, null, null,
                "rolled back: " + why);
    }

    private void audit(KeyRef ref, String action, String id, String detail) {
        ws.audit().record(AuditEvent.of(ws.clock().instant(), action, ref, id, "ok").withDetail(detail));
    }

    private static void revokeIgnoringGone(Provider provider, String id) {
        try {
            provider.revoke(id);
        } catch (NotFoundException gone) {
            // already revoked: the goal is reached
        }
    }
}
