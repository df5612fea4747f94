package dev.apikey.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Copies a byte stream, replacing every occurrence of a secret with {@code ***}, also when a secret
 * arrives split across writes. Bytes that could still be the start of a secret are held back until a
 * later write (or {@link #finish()}) shows whether they are; everything else passes through at once
 * and unchanged, so binary output, ANSI escapes and progress lines ending in {@code \r} are intact.
 */
public final class SecretMasker {
    private static final byte[] MASK = "***".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONE = new byte[0];

    private final byte[][] secrets;
    private final boolean[] firstBytes = new boolean[256];
    private final OutputStream out;
    private byte[] held = NONE;

    /** @param secrets the values to mask, as the child writes them (UTF-8 for text secrets) */
    public SecretMasker(List<byte[]> secrets, OutputStream out) {
        // Longest first: where two secrets start at the same byte, the longer one is masked whole.
        this.secrets = secrets.stream().filter(s -> s.length > 0).distinct()
                .sorted(Comparator.comparingInt((byte[] s) -> s.length).reversed()).toArray(byte[][]::new);
        for (byte[] s : this.secrets) {
            firstBytes[s[0] & 0xff] = true;
        }
        this.out = out;
    }

    public void write(byte[] bytes, int offset, int length) throws IOException {
        byte[] data;
        int start;
        int end;
        if (held.length == 0) {
            data = bytes;
            start = offset;
            end = offset + length;
        } else {
            data = Arrays.copyOf(held, held.length + length);
            System.arraycopy(bytes, offset, data, held.length, length);
            start = 0;
            end = data.length;
        }
        int emitFrom = start;
        int i = start;
        while (i < end) {
            if (!firstBytes[data[i] & 0xff]) {
                i++;
                continue;
            }
            int match = matchAt(data, i, end);
            if (match > 0) {
                out.write(data, emitFrom, i - emitFrom);
                out.write(MASK);
                i += match;
                emitFrom = i;
            } else if (match < 0) {
                break; // the rest may be the start of a secret: hold it
            } else {
                i++;
            }
        }
        out.write(data, emitFrom, i - emitFrom);
        held = i < end ? Arrays.copyOfRange(data, i, end) : NONE;
    }

    /** At the end of the stream: what was held back was not a secret after all. */
    public void finish() throws IOException {
        out.write(held);
        held = NONE;
    }

    /** The length of the secret at {@code i}; -1 when the data ends inside what may be one; 0 for none. */
    private int matchAt(byte[] data, int i, int end) {
        int available = end - i;
        for (byte[] s : secrets) {
            int n = Math.min(available, s.length);
            if (Arrays.equals(data, i, i + n, s, 0, n)) {
                return n == s.length ? s.length : -1;
            }
        }
        return 0;
    }
}
