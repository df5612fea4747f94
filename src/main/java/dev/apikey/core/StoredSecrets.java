package dev.apikey.core;

import java.nio.file.Path;

/** Storing a secret the provider has just returned, which must never be lost. */
final class StoredSecrets {
    private StoredSecrets() {
    }

    /** The store refused a new secret, and it was saved to a 0600 recovery file instead. */
    static final class SavedToRecoveryFile extends SecretStoreException {
        final Path file;

        SavedToRecoveryFile(String message, String hint, Throwable cause, Path file) {
            super(message, hint, cause);
            this.file = file;
        }
    }

    /**
     * Stores the new secret; when the store refuses it, writes it to a 0600 recovery file and fails
     * with the file's path, so the user still has a secret the provider accepts.
     */
    static void storeOrRecover(Workspace ws, SecretStore store, KeyRef ref, CreatedKey created, String during) {
        ws.redactor().register(created.secret());
        try {
            store.put(SecretId.forKey(ref), created.secret());
        } catch (ApikeyException e) {
            Path file;
            try {
                file = ws.recovery().save(ref, created.id(), created.secret(), created.createdAt(),
                        created.expiresAt(), e.getMessage());
            } catch (RuntimeException writeFailed) {
                e.addSuppressed(writeFailed);
                throw e;
            }
            ws.audit().record(AuditEvent.of(ws.clock().instant(), during, ref, created.id(), "recovery-file"));
            throw new SavedToRecoveryFile("the " + store.backend() + " store refused the new secret of " + ref
                    + " (" + e.getMessage() + "); it was saved to " + file,
                    "fix the store, then run 'apikey rotate --resume " + ref + "' to store it and delete the file",
                    e, file);
        }
        KeyBindings.record(ws, store, ref);
    }
}
