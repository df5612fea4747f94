package dev.apikey.provider.local;

import java.math.BigInteger;

/** Fixed-width base62 ({@code 0-9A-Za-z}): every secret of a given size has the same length. */
final class Base62 {
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final BigInteger BASE = BigInteger.valueOf(62);

    private Base62() {
    }

    static String encode(byte[] bytes) {
        int width = (int) Math.ceil(bytes.length * 8 / (Math.log(62) / Math.log(2)));
        BigInteger n = new BigInteger(1, bytes);
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] qr = n.divideAndRemainder(BASE);
            out[i] = ALPHABET[qr[1].intValue()];
            n = qr[0];
        }
        return new String(out);
    }
}
