package dev.apikey.core;


/** Picks the store for a new secret, and refuses a read-only one before anything else happens. */
final class WritableStore {
    private WritableStore() {
    }

    static SecretStore choose(Workspace ws) {
        SecretStore store = ws.backends().forNewSecrets();
        if (!store.writable()) {
            throw new UsageException("the " + store.backend() + " backend is read-only",
                    "choose a writable backend with --backend keychain or --backend file");
        }
        store.prepareWrite();
        return store;
    }
}
