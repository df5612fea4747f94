package dev.apikey.agent;

import static dev.apikey.agent.AgentProtocol.BINDING_BYTES;
import static dev.apikey.agent.AgentProtocol.KEY_BYTES;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The agent of {@code apikey unlock}: holds one file store's derived key (never a secret) in memory
 * behind a 0600 UNIX socket, answers only processes of its own user (the peer's uid, from the
 * kernel), and exits — zeroing the key — when the time is up, at {@code apikey lock}, or when its
 * socket is removed or replaced. It never writes the key anywhere.
 */
public final class KeyAgent implements AutoCloseable {
    /** How long a new agent waits for its key before giving up. */
    static final Duration FIRST_KEY_WITHIN = Duration.ofSeconds(30);
    /** How often the agent looks at the clock and at its socket when nobody calls. */
    private static final Duration WATCH = Duration.ofSeconds(5);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(1);

    private final Path socket;
    private final ServerSocketChannel server;
    private final Object socketIdentity;
    private final UserPrincipal owner;
    private final long pid = ProcessHandle.current().pid();
    private final long startedNanos = System.nanoTime();
    // Off the Java heap: the collector never copies it, and it is zeroed in place.
    private final ByteBuffer key = ByteBuffer.allocateDirect(KEY_BYTES);
    private final byte[] binding = new byte[BINDING_BYTES];
    private boolean holding;
    private long expiresAtMillis;
    private long expiresAtNanos;
    private boolean locked;

    private KeyAgent(Path socket, ServerSocketChannel server) throws IOException {
        this.socket = socket;
        this.server = server;
        BasicFileAttributes attributes = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        this.socketIdentity = attributes.fileKey();
        this.owner = Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Binds the socket, which must not exist yet, and makes it 0600 (its directory is private, so
     * nobody can reach it before the mode is set).
     */
    public static KeyAgent bind(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            if (!server.supportedOptions().contains(ExtendedSocketOptions.SO_PEERCRED)
                    && !peerCredentialsSupported()) {
                throw new IOException("this platform gives no peer credentials on UNIX sockets");
            }
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            return new KeyAgent(socket, server);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static boolean peerCredentialsSupported() throws IOException {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return probe.supportedOptions().contains(ExtendedSocketOptions.SO_PEERCRED);
        }
    }

    /** Serves until locked, expired, or the socket is gone; then zeroes the key. */
    public void serve() throws IOException {
        server.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            while (!locked && !expired() && ownsSocket()) {
                selector.select(Math.max(1, Math.min(WATCH.toMillis(), millisLeft())));
                selector.selectedKeys().clear();
                SocketChannel client;
                while (!locked && (client = server.accept()) != null) {
                    answer(client);
                }
            }
        } finally {
            close();
        }
    }

    private void answer(SocketChannel client) {
        try (AgentProtocol.Connection c = new AgentProtocol.Connection(client, CLIENT_TIMEOUT)) {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!PeerCheck.sameUser(peer.user(), owner)) {
                return; // another user (root included): closed without a word
            }
            ByteBuffer request = c.receive();
            if (request == null) {
                return;
            }
            ByteBuffer reply = null;
            try {
                reply = handle(request);
                if (reply != null) {
                    c.send(reply);
                }
            } finally {
                AgentProtocol.zero(request);
                if (reply != null) {
                    AgentProtocol.zero(reply);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A client that went away or sent garbage costs it its answer, never the agent.
        }
    }

    private ByteBuffer handle(ByteBuffer request) {
        byte op = request.get();
        switch (op) {
            case AgentProtocol.STATUS:
                return holding ? unlocked() : empty();
            case AgentProtocol.GET: {
                if (request.remaining() != BINDING_BYTES) {
                    return null;
                }
                if (!holding) {
                    return empty();
                }
                if (!sameBinding(request)) {
                    return AgentProtocol.seal(AgentProtocol.frame(AgentProtocol.OTHER_FILE));
                }
                ByteBuffer reply = AgentProtocol.frame(AgentProtocol.KEY);
                reply.put(key.duplicate().clear()).putLong(expiresAtMillis);
                return AgentProtocol.seal(reply);
            }
            case AgentProtocol.PUT: {
                if (request.remaining() != BINDING_BYTES + KEY_BYTES + Long.BYTES) {
                    return null;
                }
                request.get(binding);
                key.clear();
                key.put(request.slice(request.position(), KEY_BYTES));
                request.position(request.position() + KEY_BYTES);
                Duration ttl = ttl(request.getLong());
                if (ttl == null) {
                    return null;
                }
                holding = true;
                expireIn(ttl);
                return unlocked();
            }
            case AgentProtocol.EXTEND: {
                if (request.remaining() != BINDING_BYTES + Long.BYTES) {
                    return null;
                }
                if (!holding) {
                    return empty();
                }
                if (!sameBinding(request)) {
                    return AgentProtocol.seal(AgentProtocol.frame(AgentProtocol.OTHER_FILE));
                }
                request.position(request.position() + BINDING_BYTES);
                Duration ttl = ttl(request.getLong());
                if (ttl == null) {
                    return null;
                }
                expireIn(ttl);
                return unlocked();
            }
            case AgentProtocol.LOCK:
                locked = true;
                forget();
                return AgentProtocol.seal(AgentProtocol.frame(AgentProtocol.LOCKED));
            default:
                return null;
        }
    }

    private boolean sameBinding(ByteBuffer request) {
        byte[] asked = new byte[BINDING_BYTES];
        request.duplicate().get(asked);
        return MessageDigest.isEqual(asked, binding);
    }

    private static Duration ttl(long millis) {
        return millis <= 0 || millis > AgentProtocol.MAX_TTL.toMillis() ? null : Duration.ofMillis(millis);
    }

    private void expireIn(Duration ttl) {
        // Both clocks: the wall clock keeps counting while a laptop sleeps, the monotonic one is not
        // fooled by the clock being set back. Whichever runs out first ends the unlock.
        expiresAtMillis = System.currentTimeMillis() + ttl.toMillis();
        expiresAtNanos = System.nanoTime() + ttl.toNanos();
    }

    private ByteBuffer unlocked() {
        ByteBuffer b = AgentProtocol.frame(AgentProtocol.UNLOCKED);
        b.putLong(expiresAtMillis).putLong(pid);
        return AgentProtocol.seal(b);
    }

    private ByteBuffer empty() {
        ByteBuffer b = AgentProtocol.frame(AgentProtocol.EMPTY);
        b.putLong(pid);
        return AgentProtocol.seal(b);
    }

    private boolean expired() {
        if (!holding) {
            return System.nanoTime() - startedNanos >= FIRST_KEY_WITHIN.toNanos();
        }
        return System.currentTimeMillis() >= expiresAtMillis || System.nanoTime() - expiresAtNanos >= 0;
    }

    private long millisLeft() {
        if (!holding) {
            return FIRST_KEY_WITHIN.toMillis() - (System.nanoTime() - startedNanos) / 1_000_000;
        }
        return Math.min(expiresAtMillis - System.currentTimeMillis(), (expiresAtNanos - System.nanoTime()) / 1_000_000);
    }

    /** Whether the socket file is still the one this agent bound (not removed, not replaced). */
    private boolean ownsSocket() {
        try {
            return Objects.equals(socketIdentity,
                    Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
        } catch (IOException e) {
            return false;
        }
    }

    private void forget() {
        AgentProtocol.zero(key);
        java.util.Arrays.fill(binding, (byte) 0);
        holding = false;
    }

    /** Zeroes the key, stops listening and removes the socket if it is still this agent's. */
    @Override
    public void close() throws IOException {
        forget();
        boolean mine = ownsSocket();
        server.close();
        if (mine) {
            try {
                Files.delete(socket);
            } catch (NoSuchFileException e) {
                // already gone
            }
        }
    }
}
