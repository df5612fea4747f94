package dev.apikey.cli;

import dev.apikey.core.ActionNeededException;
import dev.apikey.core.CancelledException;
import dev.apikey.core.CommandNotStartedException;
import dev.apikey.core.CredentialRejectedException;
import dev.apikey.core.NotFoundException;
import dev.apikey.core.PolicyException;
import dev.apikey.core.ProviderUnavailableException;
import dev.apikey.core.SecretStoreException;
import dev.apikey.core.UsageException;

/** The documented exit codes, and the one place failures are mapped to them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;
    public static final int CREDENTIAL_REJECTED = 4;
    public static final int SECRET_STORE = 5;
    public static final int PROVIDER_UNAVAILABLE = 6;
    public static final int POLICY = 7;
    public static final int ACTION_NEEDED = 8;
    public static final int CANCELLED = 130;

    private ExitCodes() {
    }

    public static int of(Throwable failure) {
        if (failure instanceof CommandNotStartedException e) {
            return e.exitCode();
        }
        if (failure instanceof UsageException) {
            return USAGE;
        }
        if (failure instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (failure instanceof CredentialRejectedException) {
            return CREDENTIAL_REJECTED;
        }
        if (failure instanceof SecretStoreException) {
            return SECRET_STORE;
        }
        if (failure instanceof ProviderUnavailableException) {
            return PROVIDER_UNAVAILABLE;
        }
        if (failure instanceof PolicyException) {
            return POLICY;
        }
        if (failure instanceof ActionNeededException) {
            return ACTION_NEEDED;
        }
        if (failure instanceof CancelledException) {
            return CANCELLED;
        }
        return FAILURE;
    }
}
