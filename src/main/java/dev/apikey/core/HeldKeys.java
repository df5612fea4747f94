package dev.apikey.core;

import java.util.List;
import java.util.Optional;

/**
 * The keys of one provider whose secrets this machine holds, for an API whose keys can manage
 * themselves (an AWS access key can create its successor and delete itself): without a management
 * credential, such a provider signs its calls with the user's own keys.
 */
public interface HeldKeys {

    /** A key with its provider id and secret. */
    record HeldKey(String name, String id, Secret secret) {
    }

    /** The current key of this name, when its id is known and its secret is held here. */
    Optional<HeldKey> named(String keyName);

    /** Every key of this provider held here: current secrets first, then old ones kept for a grace period. */
    List<HeldKey> all();

    HeldKeys NONE = new HeldKeys() {
        @Override
        public Optional<HeldKey> named(String keyName) {
            return Optional.empty();
        }

        @Override
        public List<HeldKey> all() {
            return List.of();
        }
    };
}
