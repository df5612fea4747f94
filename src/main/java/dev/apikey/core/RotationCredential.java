package dev.apikey.core;

import java.util.Optional;

/**
 * What a rotation authenticates with, decided once for {@code rotate} and {@code rotate --resume}: the management
 * credential, or the key's own secret where the key can rotate itself and there is no separate management credential
 * (a GitLab token imported without an administrator's). Also whether the management credential <em>is</em> the key
 * (the provider was logged in with the very token): it then follows the rotation, or it would be left revoked.
 * Secrets are compared in memory only.
 *
 * @param own             the key's current secret when the rotation is sent with it, else null
 * @param managementIsKey whether the provider's management credential is the key's current secret
 */
record RotationCredential(Secret own, boolean managementIsKey) {
    private static final RotationCredential MANAGEMENT = new RotationCredential(null, false);

    static RotationCredential of(Workspace ws, Provider provider, KeyRecord record) {
        if (!provider.remote()) {
            return MANAGEMENT;
        }
        boolean canRotateItself = provider.rotationStyle() == RotationStyle.NATIVE && provider.rotatesItself();
        Optional<Secret> management = ws.credentials().find(provider.config());
        if (management.isEmpty() && !canRotateItself) {
            return MANAGEMENT; // the provider's calls report the missing credential
        }
        Secret current;
        try {
            current = ws.secrets().fromStore(record);
        } catch (ApikeyException unreadable) {
            if (management.isEmpty()) {
                throw unreadable; // it was to be the rotation's only credential
            }
            return MANAGEMENT; // then it cannot be the management credential either
        }
        boolean same = management.isPresent() && management.get().equals(current);
        return new RotationCredential(canRotateItself && (management.isEmpty() || same) ? current : null, same);
    }

    boolean itself() {
        return own != null;
    }

    /** Rotates natively with what was decided. */
    CreatedKey rotate(Provider provider, String id, KeySpec spec) {
        return itself() ? provider.rotateItself(id, own, spec) : provider.rotate(id, spec);
    }

    /**
     * Once the new secret is stored: a management credential that was the old key is replaced by the new secret. One
     * from {@code APIKEY_ADMIN_<PROVIDER>} cannot be, so the user is told to change it.
     */
    void follow(Workspace ws, Provider provider, KeyRef ref, Secret next) {
        if (!managementIsKey) {
            return;
        }
        ProviderConfig config = provider.config();
        String variable = SecretId.forProvider(config.name()).environmentVariable();
        if (ws.credentials().fromEnvironment(config)) {
            ws.notices().warn(variable + " is the old secret of " + ref + ", which the rotation replaced; set it to the "
                    + "new one ('apikey get " + ref + "')");
            return;
        }
        try {
            ws.credentials().replaceStored(config, next);
            ws.notices().verbose("the management credential of " + config.name() + " was " + ref
                    + " itself: it now holds the new secret");
        } catch (ApikeyException e) {
            ws.notices().warn("the management credential of " + config.name() + " was " + ref + " itself, and "
                    + "storing its new secret there failed (" + e.getMessage() + "); run 'apikey provider login "
                    + config.name() + "' with it ('apikey get " + ref + "')");
        }
    }
}
