package dev.apikey.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.TreeMap;

/** The on-disk form of the encrypted file store. Field names are part of the file format. */
record SecretFile(String format, int version, KdfSpec kdf, Sealed check, TreeMap<String, Sealed> entries) {

    record KdfSpec(String algorithm, int memoryKiB, int iterations, int parallelism, String salt) {
    }

    /**
     * A value sealed with AES-256-GCM: the nonce and the ciphertext with its tag, both base64. A key's
     * entry also carries its origin binding in clear, authenticated as part of the associated data:
     * changing or removing it makes the entry fail to open.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Sealed(String nonce, String ciphertext, String binding) {
        Sealed(String nonce, String ciphertext) {
            this(nonce, ciphertext, null);
        }
    }
}
