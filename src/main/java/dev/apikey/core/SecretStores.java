package dev.apikey.core;

/**
 * The secret stores of an invocation, by backend name ({@code keychain}, {@code file}, {@code env}),
 * each opened only when first needed, and the policy of where new secrets go.
 */
public interface SecretStores {
    /** The store with this name, for reading a key from the backend recorded for it. */
    SecretStore named(String backend);

    /** Where a new secret goes. */
    SecretStore forNewSecrets();

    /** The configured default, for {@code status}: where new secrets would go, without opening anything. */
    String describeChoice();

    /** Closes every store this invocation opened. */
    void close();
}
