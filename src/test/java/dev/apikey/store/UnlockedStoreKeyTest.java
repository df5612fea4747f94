package dev.apikey.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apikey.core.KeyRef;
import dev.apikey.core.Secret;
import dev.apikey.core.SecretId;
import dev.apikey.core.SecretStoreException;
import dev.apikey.core.UserPrompts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file store's seam to {@code apikey unlock}: a held key is used only for its own file, and proven first. */
class UnlockedStoreKeyTest {
    private static final Argon2Kdf CHEAP = new Argon2Kdf(8 * 1024, 1, 1);
    private static final SecretId DEMO = SecretId.forKey(KeyRef.parse("local/demo"));
    private static final String VALUE = "ak_thisIsTheSecretValue0123456789";

    @TempDir
    Path dir;

    /** An agent stand-in: holds one key for one binding, and records what it was asked. */
    static final class HeldKey implements UnlockedKeys {
        final List<byte[]> asked = new ArrayList<>();
        byte[] binding;
        byte[] key;

        @Override
        public Optional<byte[]> find(byte[] headerBinding) {
            asked.add(headerBinding.clone());
            return key != null && java.util.Arrays.equals(binding, headerBinding) ? Optional.of(key.clone()) : Optional.empty();
        }
    }

    private Path file() {
        return dir.resolve("secrets.enc");
    }

    private EncryptedFileSecretStore withPassphrase(String passphrase) {
        return new EncryptedFileSecretStore(file(), new PassphraseSource(Map.of("APIKEY_PASSPHRASE", passphrase),
                UserPrompts.NONE), new SecureRandom(), CHEAP);
    }

    /** No passphrase anywhere (no variable, no terminal): deriving is impossible, only a held key opens it. */
    private EncryptedFileSecretStore withoutPassphrase(UnlockedKeys held) {
        return new EncryptedFileSecretStore(file(), new PassphraseSource(Map.of(), UserPrompts.NONE),
                new SecureRandom(), CHEAP, held);
    }

    private HeldKey unlocked() {
        EncryptedFileSecretStore store = withPassphrase("pw");
        HeldKey held = new HeldKey();
        held.binding = store.headerBinding();
        held.key = store.deriveKey();
        return held;
    }

    @Test
    void aHeldKeyOpensTheStoreWithoutAnyPassphrase() {
        withPassphrase("pw").put(DEMO, Secret.of(VALUE));
        HeldKey held = unlocked();

        EncryptedFileSecretStore store = withoutPassphrase(held);
        assertThat(store.get(DEMO)).contains(Secret.of(VALUE));
        store.put(SecretId.forKey(KeyRef.parse("local/second")), Secret.of(VALUE + "2"));
        assertThat(withPassphrase("pw").get(SecretId.forKey(KeyRef.parse("local/second")))).contains(Secret.of(VALUE + "2"));
        assertThat(held.asked).hasSize(1);
    }

    @Test
    void withoutAHeldKeyTheStoreStillNeedsItsPassphrase() {
        withPassphrase("pw").put(DEMO, Secret.of(VALUE));
        assertThatThrownBy(() -> withoutPassphrase(new HeldKey()).get(DEMO))
                .isInstanceOf(SecretStoreException.class).hasMessageContaining("needs a passphrase");
    }

    @Test
    void aSwappedFileIsNeverOpenedWithTheKeyHeldForTheOldOne() throws Exception {
        withPassphrase("pw").put(DEMO, Secret.of(VALUE));
        HeldKey held = unlocked();
        Path elsewhere = Files.createDirectory(dir.resolve("other"));
        EncryptedFileSecretStore other = new EncryptedFileSecretStore(elsewhere.resolve("secrets.enc"),
                new PassphraseSource(Map.of("APIKEY_PASSPHRASE", "another"), UserPrompts.NONE), new SecureRandom(), CHEAP);
        other.put(DEMO, Secret.of("ak_someOtherValue"));
        Files.copy(elsewhere.resolve("secrets.enc"), file(), StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> withoutPassphrase(held).get(DEMO))
                .isInstanceOf(SecretStoreException.class).hasMessageContaining("needs a passphrase");
        assertThat(held.asked.get(0)).isNotEqualTo(held.binding);
    }

    @Test
    void aHeldKeyThatDoesNotProveItselfIsNotUsed() {
        withPassphrase("pw").put(DEMO, Secret.of(VALUE));
        HeldKey lying = new HeldKey();
        lying.binding = withPassphrase("pw").headerBinding();
        lying.key = new byte[32]; // right binding, wrong key: the check value tells
        assertThatThrownBy(() -> withoutPassphrase(lying).get(DEMO))
                .isInstanceOf(SecretStoreException.class).hasMessageContaining("needs a passphrase");
    }

    @Test
    void aPassphraseFromTheEnvironmentWinsAndTheAgentIsNotAsked() {
        withPassphrase("pw").put(DEMO, Secret.of(VALUE));
        HeldKey held = unlocked();
        EncryptedFileSecretStore store = new EncryptedFileSecretStore(file(),
                new PassphraseSource(Map.of("APIKEY_PASSPHRASE", "pw"), UserPrompts.NONE), new SecureRandom(), CHEAP, held);
        assertThat(store.get(DEMO)).contains(Secret.of(VALUE));
        assertThat(held.asked).isEmpty();
    }

    @Test
    void unlockingProvesThePassphraseFirst() {
        withPassphrase("pw").put(DEMO, Secret.of(VALUE));
        assertThatThrownBy(() -> withPassphrase("wrong").deriveKey())
                .isInstanceOf(SecretStoreException.class).hasMessageContaining("wrong passphrase");
    }

    @Test
    void unlockingNeedsAStore() {
        assertThatThrownBy(() -> withPassphrase("pw").deriveKey())
                .isInstanceOf(SecretStoreException.class).hasMessageContaining("no encrypted secret store");
        assertThat(file()).doesNotExist();
    }
}
