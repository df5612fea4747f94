package dev.apikey.agent;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import jdk.net.ExtendedSocketOptions;

/**
 * Talks to the agent of one file store. Before a byte is sent it checks that the directory and the
 * socket are this user's and private, and, once connected, that the process listening is this
 * user's too (its uid from the kernel). Every call is time-limited: a stopped agent costs a command
 * two seconds, never a hang.
 */
final class AgentClient {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final AgentSocket socket;

    AgentClient(AgentSocket socket) {
        this.socket = socket;
    }

    AgentSocket socket() {
        return socket;
    }

    /** What the agent said. {@code key} only in a {@link AgentProtocol#KEY} answer (the caller zeroes it). */
    record Answer(byte kind, Instant expiresAt, long pid, byte[] key) {
        boolean is(byte k) {
            return kind == k;
        }
    }

    /** Why there was no answer. */
    enum Unreachable { NOT_RUNNING, STALE, REFUSED, NO_ANSWER }

    static final class UnreachableException extends Exception {
        private static final long serialVersionUID = 1L;
        final Unreachable reason;

        UnreachableException(Unreachable reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    Answer status() throws UnreachableException {
        return call(AgentProtocol.seal(AgentProtocol.frame(AgentProtocol.STATUS)));
    }

    Answer get(byte[] binding) throws UnreachableException {
        return call(AgentProtocol.seal(AgentProtocol.frame(AgentProtocol.GET).put(binding)));
    }

    Answer extend(byte[] binding, Duration ttl) throws UnreachableException {
        return call(AgentProtocol.seal(AgentProtocol.frame(AgentProtocol.EXTEND).put(binding).putLong(ttl.toMillis())));
    }

    Answer put(byte[] binding, byte[] key, Duration ttl) throws UnreachableException {
        return call(AgentProtocol.seal(AgentProtocol.frame(AgentProtocol.PUT).put(binding).put(key).putLong(ttl.toMillis())));
    }

    Answer lock() throws UnreachableException {
        return call(AgentProtocol.seal(AgentProtocol.frame(AgentProtocol.LOCK)));
    }

    private Answer call(ByteBuffer request) throws UnreachableException {
        try {
            String problem = socket.directoryProblem();
            if (problem == null) {
                problem = socket.socketProblem();
            }
            if (problem != null) {
                throw new UnreachableException(Unreachable.REFUSED, problem);
            }
            if (!socket.exists()) {
                throw new UnreachableException(Unreachable.NOT_RUNNING, "not unlocked");
            }
            SocketChannel channel;
            try {
                channel = SocketChannel.open(UnixDomainSocketAddress.of(socket.path()));
            } catch (ConnectException e) {
                throw new UnreachableException(Unreachable.STALE, "no agent listens on " + socket.path());
            } catch (IOException e) {
                throw new UnreachableException(Unreachable.NO_ANSWER, "cannot reach the agent at " + socket.path()
                        + " (" + e.getClass().getSimpleName() + ")");
            }
            try (AgentProtocol.Connection c = new AgentProtocol.Connection(channel, TIMEOUT)) {
                UserPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
                UserPrincipal owner = Files.getOwner(socket.path(), LinkOption.NOFOLLOW_LINKS);
                if (!PeerCheck.sameUser(peer, owner)) {
                    throw new UnreachableException(Unreachable.REFUSED, "the process behind " + socket.path()
                            + " runs as " + peer.getName() + ", not as this user");
                }
                c.send(request);
                return read(c.receive());
            } catch (IOException | RuntimeException e) {
                throw new UnreachableException(Unreachable.NO_ANSWER, "the agent at " + socket.path()
                        + " did not answer (" + e.getClass().getSimpleName() + ")");
            }
        } finally {
            AgentProtocol.zero(request);
        }
    }

    private static Answer read(ByteBuffer reply) throws IOException {
        if (reply == null) {
            throw new IOException("malformed answer");
        }
        try {
            byte kind = reply.get();
            switch (kind) {
                case AgentProtocol.UNLOCKED:
                    return new Answer(kind, Instant.ofEpochMilli(reply.getLong()), reply.getLong(), null);
                case AgentProtocol.EMPTY:
                    return new Answer(kind, null, reply.getLong(), null);
                case AgentProtocol.KEY: {
                    byte[] key = new byte[AgentProtocol.KEY_BYTES];
                    reply.get(key);
                    return new Answer(kind, Instant.ofEpochMilli(reply.getLong()), 0, key);
                }
                case AgentProtocol.OTHER_FILE:
                case AgentProtocol.LOCKED:
                    return new Answer(kind, null, 0, null);
                default:
                    throw new IOException("unknown answer " + kind);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException("short answer", e);
        } finally {
            AgentProtocol.zero(reply);
        }
    }
}
