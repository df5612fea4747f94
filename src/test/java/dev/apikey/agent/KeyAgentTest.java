package dev.apikey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent and its client in one process: the protocol, expiry, lock, and what it refuses. */
class KeyAgentTest {
    private static final byte[] BINDING = filled(32, 7);
    private static final byte[] KEY = filled(32, 42);

    @TempDir
    Path dir;

    private AgentSocket socket;
    private AgentClient client;
    private CompletableFuture<Void> serving;

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @BeforeEach
    void startAgent() throws Exception {
        socket = AgentSocket.forStore(Map.of("XDG_RUNTIME_DIR", dir.toString()), dir.resolve("secrets.enc"));
        socket.prepareDirectory();
        KeyAgent agent = KeyAgent.bind(socket.path());
        serving = CompletableFuture.runAsync(() -> {
            try {
                agent.serve();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        client = new AgentClient(socket);
    }

    @AfterEach
    void stopAgent() throws Exception {
        if (!serving.isDone()) {
            client.lock();
        }
        serving.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theSocketIsPrivate() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.path()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.directory()))).isEqualTo("rwx------");
    }

    @Test
    void anEmptyAgentHoldsNothing() throws Exception {
        assertThat(client.status().kind()).isEqualTo(AgentProtocol.EMPTY);
        assertThat(client.get(BINDING).kind()).isEqualTo(AgentProtocol.EMPTY);
        assertThat(client.extend(BINDING, Duration.ofMinutes(1)).kind()).isEqualTo(AgentProtocol.EMPTY);
    }

    @Test
    void itGivesTheKeyOnlyForTheFileItWasUnlockedFor() throws Exception {
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        AgentClient.Answer put = client.put(BINDING, KEY, Duration.ofMinutes(15));
        assertThat(put.kind()).isEqualTo(AgentProtocol.UNLOCKED);
        assertThat(put.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(put.expiresAt()).isBetween(before.plus(Duration.ofMinutes(15)), Instant.now().plus(Duration.ofMinutes(15)));

        AgentClient.Answer got = client.get(BINDING);
        assertThat(got.kind()).isEqualTo(AgentProtocol.KEY);
        assertThat(got.key()).isEqualTo(KEY);
        assertThat(client.get(filled(32, 8)).kind()).isEqualTo(AgentProtocol.OTHER_FILE);
        assertThat(client.get(filled(32, 8)).key()).isNull();
    }

    @Test
    void extendingSetsANewExpiry() throws Exception {
        Instant first = client.put(BINDING, KEY, Duration.ofMinutes(1)).expiresAt();
        Instant extended = client.extend(BINDING, Duration.ofHours(2)).expiresAt();
        assertThat(extended).isAfter(first.plus(Duration.ofMinutes(100)));
        assertThat(client.extend(filled(32, 9), Duration.ofHours(2)).kind()).isEqualTo(AgentProtocol.OTHER_FILE);
    }

    @Test
    void lockEndsTheAgentAndRemovesItsSocket() throws Exception {
        client.put(BINDING, KEY, Duration.ofMinutes(15));
        assertThat(client.lock().kind()).isEqualTo(AgentProtocol.LOCKED);
        serving.get(10, TimeUnit.SECONDS);
        assertThat(socket.path()).doesNotExist();
        assertThatThrownBy(() -> client.get(BINDING)).isInstanceOf(AgentClient.UnreachableException.class)
                .satisfies(e -> assertThat(((AgentClient.UnreachableException) e).reason)
                        .isEqualTo(AgentClient.Unreachable.NOT_RUNNING));
    }

    @Test
    void itExitsByItselfWhenTheTimeIsUp() throws Exception {
        client.put(BINDING, KEY, Duration.ofMillis(300));
        serving.get(10, TimeUnit.SECONDS); // the agent's own deadline ends serve()
        assertThat(socket.path()).doesNotExist();
    }

    @Test
    void itExitsWhenItsSocketIsRemoved() throws Exception {
        client.put(BINDING, KEY, Duration.ofMinutes(15));
        Files.delete(socket.path());
        serving.get(20, TimeUnit.SECONDS); // noticed at its next look, within seconds
    }

    @Test
    void aTimeOutsideTheLimitsIsRefusedAndHoldsNothing() throws Exception {
        assertThatThrownBy(() -> client.put(BINDING, KEY, Duration.ofHours(25)))
                .isInstanceOf(AgentClient.UnreachableException.class);
        assertThatThrownBy(() -> client.put(BINDING, KEY, Duration.ZERO))
                .isInstanceOf(AgentClient.UnreachableException.class);
        assertThat(client.status().kind()).isEqualTo(AgentProtocol.EMPTY);
    }

    @Test
    void garbageCostsTheSenderItsAnswerNotTheAgent() throws Exception {
        try (SocketChannel raw = SocketChannel.open(UnixDomainSocketAddress.of(socket.path()))) {
            raw.write(ByteBuffer.wrap(new byte[] {5, 9, 9, 9, 9, 9}));
            assertThat(raw.read(ByteBuffer.allocate(8))).isEqualTo(-1);
        }
        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket.path()))) {
            // says nothing: the agent gives up on it after its client timeout and serves the next
            assertThat(client.put(BINDING, KEY, Duration.ofMinutes(1)).kind()).isEqualTo(AgentProtocol.UNLOCKED);
        }
    }

    @Test
    void aStaleSocketIsToldApartFromNoAgent() throws Exception {
        AgentSocket stale = AgentSocket.forStore(Map.of("XDG_RUNTIME_DIR", dir.toString()), dir.resolve("other.enc"));
        // A socket file nobody listens on any more, as a killed agent leaves it.
        try (var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(stale.path()));
        }
        Files.setPosixFilePermissions(stale.path(), PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> new AgentClient(stale).status())
                .satisfies(e -> assertThat(((AgentClient.UnreachableException) e).reason).isEqualTo(AgentClient.Unreachable.STALE));
        Files.delete(stale.path());
        assertThatThrownBy(() -> new AgentClient(stale).status())
                .satisfies(e -> assertThat(((AgentClient.UnreachableException) e).reason).isEqualTo(AgentClient.Unreachable.NOT_RUNNING));
    }

    @Test
    void aSocketOpenToOthersIsRefusedBeforeAnythingIsSent() throws Exception {
        client.put(BINDING, KEY, Duration.ofMinutes(1));
        Files.setPosixFilePermissions(socket.path(), PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThatThrownBy(() -> client.get(BINDING))
                .hasMessageContaining("open to other users")
                .satisfies(e -> assertThat(((AgentClient.UnreachableException) e).reason).isEqualTo(AgentClient.Unreachable.REFUSED));
        Files.setPosixFilePermissions(socket.path(), PosixFilePermissions.fromString("rw-------"));
    }
}
