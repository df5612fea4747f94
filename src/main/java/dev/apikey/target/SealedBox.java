package dev.apikey.target;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * libsodium's {@code crypto_box_seal}, as GitHub requires for Actions secrets, composed from Bouncy
 * Castle's primitives exactly as libsodium composes its own:
 * <pre>
 *   (epk, esk) = X25519 key pair, fresh per message
 *   nonce      = BLAKE2b-192(epk || pk)
 *   k          = HSalsa20(X25519(esk, pk), 0^16)                  (crypto_box_beforenm)
 *   box        = XSalsa20-Poly1305(k, nonce, message)               (crypto_secretbox: tag || ciphertext)
 *   sealed     = epk || box
 * </pre>
 * Checked against libsodium itself (PyNaCl's {@code SealedBox}) in the tests.
 */
final class SealedBox {
    static final int KEY_BYTES = 32;
    private static final int MAC_BYTES = 16;
    private static final int NONCE_BYTES = 24;
    /** "expand 32-byte k", the Salsa20 constants, as little-endian words. */
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

    private SealedBox() {
    }

    static byte[] seal(byte[] message, byte[] recipientPublicKey, SecureRandom random) {
        if (recipientPublicKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("an X25519 public key has 32 bytes, not " + recipientPublicKey.length);
        }
        byte[] esk = new byte[X25519.SCALAR_SIZE];
        byte[] epk = new byte[X25519.POINT_SIZE];
        byte[] shared = new byte[X25519.POINT_SIZE];
        try {
            X25519.generatePrivateKey(random, esk);
            X25519.generatePublicKey(esk, 0, epk, 0);
            if (!X25519.calculateAgreement(esk, 0, recipientPublicKey, 0, shared, 0)) {
                throw new IllegalArgumentException("the public key is a low-order point");
            }
            byte[] nonce = nonce(epk, recipientPublicKey);
            byte[] key = hsalsa20(shared, new byte[16]);
            byte[] box = secretbox(message, nonce, key);
            byte[] sealed = new byte[KEY_BYTES + box.length];
            System.arraycopy(epk, 0, sealed, 0, KEY_BYTES);
            System.arraycopy(box, 0, sealed, KEY_BYTES, box.length);
            Arrays.fill(key, (byte) 0);
            return sealed;
        } finally {
            Arrays.fill(esk, (byte) 0);
            Arrays.fill(shared, (byte) 0);
        }
    }

    private static byte[] nonce(byte[] epk, byte[] pk) {
        Blake2bDigest blake = new Blake2bDigest(NONCE_BYTES * 8);
        blake.update(epk, 0, epk.length);
        blake.update(pk, 0, pk.length);
        byte[] nonce = new byte[NONCE_BYTES];
        blake.doFinal(nonce, 0);
        return nonce;
    }

    /** {@code crypto_secretbox}: the first 32 bytes of the XSalsa20 stream key Poly1305; the rest encrypts. */
    private static byte[] secretbox(byte[] message, byte[] nonce, byte[] key) {
        XSalsa20Engine cipher = new XSalsa20Engine();
        cipher.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] macKey = new byte[32];
        cipher.processBytes(new byte[32], 0, 32, macKey, 0);
        byte[] out = new byte[MAC_BYTES + message.length];
        cipher.processBytes(message, 0, message.length, out, MAC_BYTES);
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(macKey));
        mac.update(out, MAC_BYTES, message.length);
        mac.doFinal(out, 0);
        Arrays.fill(macKey, (byte) 0);
        return out;
    }

    /**
     * HSalsa20 ({@code crypto_core_hsalsa20}): the Salsa20 core's words 0, 5, 10, 15, 6, 7, 8, 9 before
     * the final addition of the input, which Bouncy Castle's {@code salsaCore} makes, so it is taken back out.
     */
    static byte[] hsalsa20(byte[] key, byte[] input16) {
        int[] state = new int[16];
        state[0] = SIGMA[0];
        state[5] = SIGMA[1];
        state[10] = SIGMA[2];
        state[15] = SIGMA[3];
        for (int i = 0; i < 4; i++) {
            state[1 + i] = le(key, 4 * i);
            state[11 + i] = le(key, 16 + 4 * i);
            state[6 + i] = le(input16, 4 * i);
        }
        int[] x = new int[16];
        Salsa20Engine.salsaCore(20, state, x);
        int[] words = {0, 5, 10, 15, 6, 7, 8, 9};
        byte[] out = new byte[32];
        for (int i = 0; i < words.length; i++) {
            int w = x[words[i]] - state[words[i]];
            out[4 * i] = (byte) w;
            out[4 * i + 1] = (byte) (w >>> 8);
            out[4 * i + 2] = (byte) (w >>> 16);
            out[4 * i + 3] = (byte) (w >>> 24);
        }
        Arrays.fill(x, 0);
        return out;
    }

    private static int le(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }
}
