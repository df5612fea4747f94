package dev.apikey.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Copies a byte stream, replacing every occurrence of a secret with {@code ***}, also when a secret
 * arrives split across writes. Bytes that could still be the start of a secret are held back until a
 * later write (or {@link #finish()}) shows whether they are; everything else passes through at once
 * and unchanged, so binary output, ANSI escapes and progress lines ending in {@code \r} are intact.
 * A secret is also masked in the encodings a program most often prints it in ({@link #forms}), as
 * GitHub Actions masks the base64 forms of its secrets.
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
        // Longest first: where two secrets start at the same byte, the longer one is masked whole. A plain
        // lambda rather than Comparator.comparingInt, whose serializable one no AOT cache keeps (see Redactor).
        this.secrets = secrets.stream().filter(s -> s.length > 0).flatMap(s -> forms(s).stream())
                .map(java.nio.ByteBuffer::wrap).distinct().map(java.nio.ByteBuffer::array)
                .sorted((a, b) -> Integer.compare(b.length, a.length)).toArray(byte[][]::new);
        for (byte[] s : this.secrets) {
            firstBytes[s[0] & 0xff] = true;
        }
        this.out = out;
    }

    /**
     * The secret as it is, in base64 (standard and URL-safe, with and without padding) and
     * URL-encoded ({@code +} and {@code %20} for a space). Only the encoding of the secret alone: a
     * secret encoded together with other bytes (as in {@code user:secret}) shifts differently.
     */
    static List<byte[]> forms(byte[] secret) {
        List<byte[]> forms = new ArrayList<>(List.of(secret));
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            forms.add(encoder.encode(secret));
            forms.add(encoder.withoutPadding().encode(secret));
        }
        String text = new String(secret, StandardCharsets.UTF_8);
        if (Arrays.equals(text.getBytes(StandardCharsets.UTF_8), secret)) {
            String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8);
            forms.add(encoded.getBytes(StandardCharsets.US_ASCII));
            forms.add(encoded.replace("+", "%20").getBytes(StandardCharsets.US_ASCII));
        }
        return forms;
    }

    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (held.length == 0) {
            scan(bytes, offset, offset + length, false);
            return;
        }
        byte[] data = Arrays.copyOf(held, held.length + length);
        System.arraycopy(bytes, offset, data, held.length, length);
        scan(data, 0, data.length, false);
    }

    /** At the end of the stream: what was held back can only be a whole secret, or no secret. */
    public void finish() throws IOException {
        byte[] rest = held;
        held = NONE;
        scan(rest, 0, rest.length, true);
    }

    private void scan(byte[] data, int start, int end, boolean last) throws IOException {
        int emitFrom = start;
        int i = start;
        while (i < end) {
            if (!firstBytes[data[i] & 0xff]) {
                i++;
                continue;
            }
            int match = matchAt(data, i, end, last);
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

    /**
     * The length of the secret at {@code i}; -1 when the data ends inside what may be one (unless it is
     * the {@code last} data); 0 for none.
     */
    private int matchAt(byte[] data, int i, int end, boolean last) {
        int available = end - i;
        for (byte[] s : secrets) {
            if (s.length <= available) {
                if (Arrays.equals(data, i, i + s.length, s, 0, s.length)) {
                    return s.length;
                }
            } else if (!last && Arrays.equals(data, i, end, s, 0, available)) {
                return -1;
            }
        }
        return 0;
    }
}
