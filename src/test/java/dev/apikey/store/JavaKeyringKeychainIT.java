package dev.apikey.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.apikey.core.SecretStore;
import dev.apikey.core.SecretStoreException;
import dev.apikey.testing.PrivateSessionBus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keychain adapter in this JVM against the real Secret Service (gnome-keyring on a private D-Bus
 * session), where its D-Bus connections can be seen: each has a reader thread in a native read, for which
 * the JVM waits up to 300 ms when it exits, so closing the keychain must leave none of them open.
 */
class JavaKeyringKeychainIT {
    /** dbus-java reads the session bus address from this system property before the environment. */
    private static final String BUS_ADDRESS = "DBUS_SESSION_BUS_ADDRESS";

    @TempDir
    Path home;

    @Test
    void askingWhetherTheKeychainIsLockedLeavesNoConnectionOpenOnceItIsClosed() throws Exception {
        try (PrivateSessionBus bus = PrivateSessionBus.start(home).withUnlockedKeyring("test-password")) {
            Set<Thread> before = busReaders();
            List<Thread> opened = onBus(bus, () -> {
                Keychain keychain = JavaKeyringKeychain.open();
                try {
                    keychain.requireUnlocked();
                    return newBusReaders(before);
                } finally {
                    keychain.close();
                }
            });
            assertThat(opened).as("the keychain's connections, while open").isNotEmpty();
            for (Thread reader : opened) {
                reader.join(10_000); // a closed connection's reader ends at once; an open one never
            }
            assertThat(newBusReaders(before)).as("D-Bus connections left open after the keychain was closed")
                    .isEmpty();
        }
    }

    @Test
    void aLockQuestionThatComesOnlyAfterTheKeychainWasClosedOpensNoConnection() throws Exception {
        // A question whose time ran out while its worker waited: the worker may get to it after the close.
        try (PrivateSessionBus bus = PrivateSessionBus.start(home).withUnlockedKeyring("test-password")) {
            Set<Thread> before = busReaders();
            List<Thread> opened = onBus(bus, () -> {
                Keychain keychain = JavaKeyringKeychain.open();
                List<Thread> keyring = newBusReaders(before);
                keychain.close();
                assertThatThrownBy(keychain::requireUnlocked).isInstanceOf(dev.apikey.core.SecretStoreException.class)
                        .hasMessageContaining("closed");
                return keyring;
            });
            for (Thread reader : opened) {
                reader.join(10_000);
            }
            assertThat(newBusReaders(before)).as("D-Bus connections left open after the keychain was closed").isEmpty();
        }
    }

    @Test
    void aLockedKeychainIsToldFromAnUnlockedOneAndClosingLeavesNothingOpen() throws Exception {
        try (PrivateSessionBus first = PrivateSessionBus.start(home).withUnlockedKeyring("test-password")) {
            // The login keyring is created on first unlock; without it there is nothing to be locked.
        }
        try (PrivateSessionBus bus = PrivateSessionBus.start(home)) { // the same keyring, auto-activated, locked
            Set<Thread> before = busReaders();
            onBus(bus, () -> {
                Keychain keychain = JavaKeyringKeychain.open();
                try {
                    assertThatThrownBy(keychain::requireUnlocked).isInstanceOf(SecretStoreException.class)
                            .hasMessage("the keychain is locked");
                } finally {
                    keychain.close();
                }
                return null;
            });
            for (Thread reader : newBusReaders(before)) {
                reader.join(10_000);
            }
            assertThat(newBusReaders(before)).as("D-Bus connections left open after the keychain was closed")
                    .isEmpty();
        }
    }

    /**
     * The Secret Service stops answering after the keychain has opened: the lock question is reported as
     * timed out within the keychain's time limit, and closing the keychain closes its connection all the
     * same, though the question on it never got an answer.
     */
    @Test
    void aLockQuestionTheSecretServiceNeverAnswersTimesOutAndClosingLeavesNothingOpen() throws Exception {
        try (PrivateSessionBus bus = PrivateSessionBus.start(home).withUnlockedKeyring("test-password")) {
            Set<Thread> before = busReaders();
            SecretStore.Health health = onBus(bus, () -> {
                KeychainSecretStore store = new KeychainSecretStore(JavaKeyringKeychain::open, Duration.ofSeconds(2), 0);
                try {
                    assertThat(store.reachable()).isTrue();
                    bus.pauseKeyring();
                    return assertTimeoutPreemptively(Duration.ofSeconds(30), store::health);
                } finally {
                    assertTimeoutPreemptively(Duration.ofSeconds(30), store::close);
                }
            });
            assertThat(health.available()).as(health.toString()).isFalse();
            assertThat(health.detail()).contains("did not answer within 2 s (check)");
            for (Thread reader : newBusReaders(before)) {
                reader.join(10_000);
            }
            assertThat(newBusReaders(before)).as("D-Bus connections left open after the keychain was closed")
                    .isEmpty();
        }
    }

    private interface BusCall<T> {
        T call() throws Exception;
    }

    private static <T> T onBus(PrivateSessionBus bus, BusCall<T> call) throws Exception {
        String previous = System.getProperty(BUS_ADDRESS);
        System.setProperty(BUS_ADDRESS, bus.environment().get(BUS_ADDRESS));
        try {
            return call.call();
        } finally {
            if (previous == null) {
                System.clearProperty(BUS_ADDRESS);
            } else {
                System.setProperty(BUS_ADDRESS, previous);
            }
        }
    }

    /** The threads that read a D-Bus connection's incoming messages: one per open connection. */
    private static Set<Thread> busReaders() {
        return Set.copyOf(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getClass().getName().equals("org.freedesktop.dbus.connections.IncomingMessageThread"))
                .toList());
    }

    private static List<Thread> newBusReaders(Set<Thread> before) {
        return busReaders().stream().filter(t -> !before.contains(t)).toList();
    }
}
