package dev.apikey.core;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A provider's key-management API, as one configured provider instance. Implementations throw
 * {@link dev.apikey.core.NotFoundException} (exit 3), {@link dev.apikey.core.CredentialRejectedException}
 * (exit 4) or {@link dev.apikey.core.ProviderUnavailableException} (exit 6), with the provider's own
 * error message, and never put a secret into an exception.
 */
public interface Provider {

    ProviderConfig config();

    default String name() {
        return config().name();
    }

    KeyUsage usage();

    /** The base URL of the provider's API (the type's default unless the user gave one), or null when it has none. */
    default String baseUrl() {
        return config().baseUrl();
    }

    /**
     * What {@code request PATH} is resolved against: where the keys are used, which for some providers is not where
     * they are managed (Twilio: managed at iam.twilio.com, used at api.twilio.com).
     */
    default String usageBaseUrl() {
        return baseUrl();
    }

    /**
     * The origins ({@code scheme://host[:port]}) keys of this provider may be sent to; empty for none: where
     * they are used ({@link #usageBaseUrl()}) and what the provider's {@code --allow-host} entries allow.
     */
    default java.util.List<String> boundOrigins() {
        return Origin.boundTo(usageBaseUrl(), config().allowHosts());
    }

    /** Whether keys live at a remote API; the {@code local} provider mints them here. */
    boolean remote();

    RotationStyle rotationStyle();

    /** The provider's recommended rotation period, when it has one. */
    default Optional<Duration> maxAge() {
        return Optional.empty();
    }

    /**
     * Makes a key. When {@link KeySpec#marker()} is set and {@link #carriesMarker()} is true, the key carries the
     * marker in its remote name or description, so {@link #list} can find it if this call's response is lost.
     */
    CreatedKey create(KeySpec spec);

    /**
     * Whether a create carries {@link KeySpec#marker()} where {@link #list} shows it (see
     * {@link RemoteKey#carries(String)}); false for APIs whose keys have no name or description (npm).
     */
    default boolean carriesMarker() {
        return false;
    }

    /** Native rotation ({@link RotationStyle#NATIVE} only): the old secret stops working at once. */
    default CreatedKey rotate(String id, KeySpec spec) {
        throw new UnsupportedOperationException(config().type() + " has no native rotate");
    }

    /**
     * Whether a key can rotate itself natively, its own secret standing in for the management credential (GitLab's
     * self-rotate). A rotation then uses {@link #rotateItself} when the provider has no management credential, or
     * when that credential is the key being rotated.
     */
    default boolean rotatesItself() {
        return false;
    }

    /**
     * Native rotation sent with the key's own current secret as its credential: the old secret stops working at once.
     * After a lost answer the old secret must never be sent to rotate again (GitLab revokes the token family);
     * {@link #verify} tells whether it still works, with a call that rotates nothing.
     */
    default CreatedKey rotateItself(String id, Secret current, KeySpec spec) {
        throw new UnsupportedOperationException(config().type() + " keys cannot rotate themselves");
    }

    /**
     * After a native rotation of {@code oldId} whose answer was lost: the id the key has at the provider now. That is
     * the old id unless the provider's rotations give the key a new one and this rotation happened; then it is the
     * successor's, which {@code rotate --resume} rotates again. Rotating a revoked id instead can do harm: GitLab
     * takes it for a stolen token and revokes the whole token family.
     *
     * @param rotationStarted when the interrupted rotation was sent
     * @throws ActionNeededException when the old key is gone and no single successor can be found
     */
    default String idAfterLostRotation(String oldId, java.time.Instant rotationStarted) {
        return oldId;
    }

    /** Revokes the key at the provider. */
    void revoke(String id);

    /**
     * Checks a freshly created key works, when the provider has a verify call (also whether an old key still works,
     * after a rotation whose answer was lost).
     *
     * @return empty when the provider cannot verify, else whether the key was accepted
     */
    default Optional<Boolean> verify(CreatedKey key) {
        return Optional.empty();
    }

    /**
     * For a provider whose keys sign requests rather than ride in a header (AWS SigV4): the signer of
     * {@code request}s with this key to this URL; empty for header-borne keys.
     *
     * @param service the signing service the user named ({@code --aws-service}), or null to derive it from the host
     */
    default Optional<dev.apikey.core.RequestSigner> signer(String id, dev.apikey.core.Secret secret, java.net.URI url,
                                                           String service) {
        return Optional.empty();
    }

    /** Streams the provider's keys, following every page, without holding them all in memory. */
    void list(Consumer<RemoteKey> each);
}
