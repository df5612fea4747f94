package dev.apikey.agent;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The unlock agent's wire format, one request and one reply per connection. A frame is a length byte
 * and that many bytes: the protocol version, an operation and its fixed-size fields (big-endian).
 * <pre>
 *   STATUS                                  -> UNLOCKED expiresAt pid | EMPTY pid
 *   GET     binding[32]                     -> KEY key[32] expiresAt | OTHER_FILE | EMPTY pid
 *   PUT     binding[32] key[32] ttlMillis   -> UNLOCKED expiresAt pid
 *   EXTEND  binding[32] ttlMillis           -> UNLOCKED expiresAt pid | OTHER_FILE | EMPTY pid
 *   LOCK                                    -> LOCKED, and the agent exits
 * </pre>
 * Frames that carry a key live in direct buffers (outside the moving Java heap, so no copy is left
 * behind by the garbage collector) and are zeroed after use.
 */
final class AgentProtocol {
    static final byte VERSION = 1;
    static final int KEY_BYTES = 32;
    static final int BINDING_BYTES = 32;
    static final int MAX_FRAME = 127;
    /** The longest an agent keeps a key: a working day and some. */
    static final Duration MAX_TTL = Duration.ofHours(24);

    static final byte STATUS = 'S';
    static final byte GET = 'G';
    static final byte PUT = 'P';
    static final byte EXTEND = 'X';
    static final byte LOCK = 'L';

    static final byte UNLOCKED = 'U';
    static final byte KEY = 'K';
    static final byte OTHER_FILE = 'M';
    static final byte EMPTY = 'N';
    static final byte LOCKED = 'l';

    private AgentProtocol() {
    }

    /** A frame under construction: the caller puts the fields, then {@link #seal} sets its length. */
    static ByteBuffer frame(byte op) {
        ByteBuffer b = ByteBuffer.allocateDirect(MAX_FRAME + 1);
        b.put((byte) 0).put(VERSION).put(op);
        return b;
    }

    static ByteBuffer seal(ByteBuffer frame) {
        frame.put(0, (byte) (frame.position() - 1));
        return frame.flip();
    }

    static void zero(ByteBuffer b) {
        b.clear();
        while (b.hasRemaining()) {
            b.put((byte) 0);
        }
        b.clear();
    }

    /** One connection, non-blocking underneath so that every read and write has a deadline. */
    static final class Connection implements AutoCloseable {
        final SocketChannel channel;
        private final Selector selector;
        private final long deadline;

        Connection(SocketChannel channel, Duration timeout) throws IOException {
            this.channel = channel;
            this.deadline = System.nanoTime() + timeout.toNanos();
            channel.configureBlocking(false);
            this.selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        }

        /**
         * Reads one frame, positioned after its version byte at the operation; null if the frame is
         * malformed. The buffer is direct: zero it when it held a key.
         */
        ByteBuffer receive() throws IOException {
            ByteBuffer length = ByteBuffer.allocate(1);
            fill(length);
            int n = length.get(0) & 0xff;
            if (n < 2 || n > MAX_FRAME) {
                return null;
            }
            ByteBuffer body = ByteBuffer.allocateDirect(n);
            fill(body);
            body.flip();
            if (body.get() != VERSION) {
                zero(body);
                return null;
            }
            return body;
        }

        void send(ByteBuffer frame) throws IOException {
            channel.keyFor(selector).interestOps(SelectionKey.OP_WRITE);
            while (frame.hasRemaining()) {
                if (channel.write(frame) == 0) {
                    await();
                }
            }
        }

        private void fill(ByteBuffer into) throws IOException {
            channel.keyFor(selector).interestOps(SelectionKey.OP_READ);
            while (into.hasRemaining()) {
                int n = channel.read(into);
                if (n < 0) {
                    throw new EOFException("connection closed");
                }
                if (n == 0) {
                    await();
                }
            }
        }

        private void await() throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no answer in time");
            }
            selector.select(Math.max(1, left / 1_000_000));
            selector.selectedKeys().clear();
        }

        @Override
        public void close() throws IOException {
            try {
                selector.close();
            } finally {
                channel.close();
            }
        }
    }
}
