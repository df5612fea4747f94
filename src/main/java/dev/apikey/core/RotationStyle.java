package dev.apikey.core;

/** How a provider replaces a key. */
public enum RotationStyle {
    /** The provider has a rotate call; the old secret dies at once, so no grace period is possible. */
    NATIVE,
    /** Create a new key, store it, then revoke the old one, at once or after a grace period. */
    REPLACE
}
