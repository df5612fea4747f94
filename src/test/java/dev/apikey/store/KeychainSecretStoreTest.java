package dev.apikey.store;

import dev.apikey.core.SecretId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.apikey.core.KeyRef;
import dev.apikey.core.Secret;
import dev.apikey.core.SecretStore;
import dev.apikey.core.SecretStoreException;
import dev.apikey.testing.FakeKeychain;
import dev.apikey.testing.FakeKeychain.Fault;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeychainSecretStoreTest {
    private static final SecretId DEMO = SecretId.forKey(KeyRef.parse("local/demo"));
    private final FakeKeychain keychain = new FakeKeychain();

    @AfterEach
    void releaseHungCalls() {
        keychain.release();
    }

    private KeychainSecretStore store(Duration limit, int maxBytes) {
        return new KeychainSecretStore(keychain, limit, maxBytes);
    }

    @Test
    void itemsUseServiceApikeyAndTheRefAsAccount() {
        store(Duration.ofSeconds(5), 0).put(DEMO, Secret.of("secret-value-123456"));
        assertThat(keychain.item("apikey", "local/demo")).isEqualTo("secret-value-123456");
        store(Duration.ofSeconds(5), 0).put(SecretId.forProvider("openai"), Secret.of("admin-credential"));
        assertThat(keychain.item("apikey-provider", "openai")).isEqualTo("admin-credential");
    }

    @Test
    void theKeychainIsOpenedOnceAndOnlyWhenUsed() {
        KeychainSecretStore s = store(Duration.ofSeconds(5), 0);
        assertThat(keychain.opens()).isZero();
        s.get(DEMO);
        s.get(DEMO);
        assertThat(keychain.opens()).isEqualTo(1);
    }

    @Test
    void closingLetsGoOfTheConnectionOnceAndOpensNothing() {
        KeychainSecretStore unused = store(Duration.ofSeconds(5), 0);
        unused.close();
        assertThat(keychain.opens()).isZero();
        KeychainSecretStore used = store(Duration.ofSeconds(5), 0);
        used.get(DEMO);
        assertThat(keychain.openConnections()).isEqualTo(1);
        used.close();
        used.close();
        assertThat(keychain.openConnections()).isZero();
    }

    @Test
    void aCloseTheKeychainRefusesFailsNothing() {
        KeychainSecretStore s = store(Duration.ofSeconds(5), 0);
        s.get(DEMO);
        keychain.fault(Fault.LOCKED);
        assertThatCode(s::close).doesNotThrowAnyException();
        assertThat(keychain.openConnections()).isZero();
    }

    @Test
    void aCloseThatHangsGivesUpAfterItsOwnShortLimitAndFailsNothing() {
        KeychainSecretStore s = store(Duration.ofMinutes(10), 0);
        s.get(DEMO);
        keychain.fault(Fault.HANGS);
        // Not the store's ten minutes: the close's own limit (half a second) ends it, and it throws nothing.
        assertTimeoutPreemptively(Duration.ofMinutes(1), s::close);
    }

    @Test
    void aHangingKeychainFailsWithinTheTimeLimit() {
        keychain.fault(Fault.HANGS);
        assertThatThrownBy(() -> store(Duration.ofMillis(200), 0).get(DEMO))
                .isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("did not answer within 200 ms");
    }

    @Test
    void aLockedKeychainIsAnErrorNotAnEmptyAnswer() {
        keychain.fault(Fault.LOCKED);
        assertThatThrownBy(() -> store(Duration.ofSeconds(5), 0).get(DEMO))
                .isInstanceOf(SecretStoreException.class).hasMessageContaining("locked");
        assertThatThrownBy(() -> store(Duration.ofSeconds(5), 0).prepareWrite())
                .isInstanceOf(SecretStoreException.class);
    }

    @Test
    void healthTellsReachableLockedAndTimedOutApartWithoutWriting() {
        store(Duration.ofSeconds(5), 0).put(DEMO, Secret.of("secret-value-123456"));
        int writes = keychain.writes();

        SecretStore.Health ok = store(Duration.ofSeconds(5), 0).health();
        keychain.fault(Fault.LOCKED);
        SecretStore.Health locked = store(Duration.ofSeconds(5), 0).health();
        keychain.fault(Fault.HANGS);
        SecretStore.Health hung = store(Duration.ofMillis(200), 0).health();

        assertThat(ok.available()).as(ok.toString()).isTrue();
        assertThat(ok.detail()).isEqualTo("reachable, unlocked");
        assertThat(locked.available()).isFalse();
        assertThat(locked.detail()).contains("locked");
        assertThat(hung.available()).isFalse();
        assertThat(hung.detail()).contains("did not answer within 200 ms");
        assertThat(keychain.writes()).as("a health check writes nothing").isEqualTo(writes);
        assertThat(keychain.items()).containsOnlyKeys("apikey\u0000local/demo");
    }

    /**
     * The lock question is a keychain call of its own (with the Secret Service, over a D-Bus connection of
     * its own): once the keychain has opened, it still may not answer, and status must not wait for it.
     */
    @Test
    void aLockQuestionThatHangsOnAnOpenKeychainIsReportedWithinTheTimeLimit() {
        KeychainSecretStore s = store(Duration.ofMillis(200), 0);
        assertThat(s.reachable()).isTrue();
        keychain.fault(Fault.HANGS);
        SecretStore.Health hung = assertTimeoutPreemptively(Duration.ofMinutes(1), s::health);
        assertThat(hung.available()).as(hung.toString()).isFalse();
        assertThat(hung.detail()).contains("did not answer within 200 ms").contains("check");
        assertThat(keychain.opens()).as("the open keychain was asked, not opened again").isEqualTo(1);
    }

    @Test
    void aMissingKeychainIsReportedAsUnreachable() {
        keychain.fault(Fault.UNREACHABLE);
        assertThat(store(Duration.ofSeconds(5), 0).reachable()).isFalse();
        assertThat(store(Duration.ofSeconds(5), 0).health().available()).isFalse();
    }

    @Test
    void aSecretTooLargeForThePlatformIsRefusedBeforeAnythingIsWritten() {
        String big = "x".repeat(2561);
        assertThatThrownBy(() -> store(Duration.ofSeconds(5), 2560).put(DEMO, Secret.of(big)))
                .isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("2561 bytes").hasMessageContaining("at most 2560");
        assertThat(keychain.items()).isEmpty();
        store(Duration.ofSeconds(5), 2560).put(DEMO, Secret.of("x".repeat(2560)));
        assertThat(keychain.item("apikey", "local/demo")).hasSize(2560);
    }

    @Test
    void theWriteCheckLeavesNoItemBehind() {
        store(Duration.ofSeconds(5), 0).prepareWrite();
        assertThat(keychain.items()).isEmpty();
    }
}
