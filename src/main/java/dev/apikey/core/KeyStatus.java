package dev.apikey.core;

import java.util.Locale;

/** The state of a key as {@code list} reports it. */
public enum KeyStatus {
    ACTIVE,
    EXPIRED,
    /** Revoked at the provider and kept here on request. */
    REVOKED,
    /** An unfinished rotation holds the key: only using it is allowed until it is resumed. */
    ROTATING;

    /** The form used in tables and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
