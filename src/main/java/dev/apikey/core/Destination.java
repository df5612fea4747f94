package dev.apikey.core;

/**
 * Where a target's secret is written: one CI secret store, one file. Implementations throw
 * {@link NotFoundException} (the repository, project or directory does not exist), {@link CredentialRejectedException}
 * (the host refused the credential), {@link ProviderUnavailableException} (network, 5xx) or
 * {@link UsageException} (the host refuses this value or name), never with the secret in the message.
 */
public interface Destination {

    /** The canonical form, as stored and shown ({@code github:octo/app}, {@code dotenv:/srv/app/.env}). */
    String describe();

    /** Checks the secret or variable name the destination would get, before a target is added. */
    void checkName(String name);

    /** Writes {@code secret} under {@code name}, replacing what is there; idempotent. */
    void write(String name, Secret secret);
}
