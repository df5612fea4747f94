package dev.apikey.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sealed box opened by libsodium itself, through PyNaCl (Debian's python3-nacl). */
class SealedBoxTest {
    static final String PYTHON = "/usr/bin/python3";

    /** A libsodium key pair: base64 public key and private key, made by PyNaCl. */
    static String[] keyPair() throws Exception {
        String out = python("from nacl.public import PrivateKey\nimport base64\nk = PrivateKey.generate()\n"
                + "print(base64.b64encode(bytes(k.public_key)).decode()); print(base64.b64encode(bytes(k)).decode())", "");
        return out.strip().split("\n");
    }

    /** What libsodium's crypto_box_seal_open makes of a base64 sealed box. */
    static String open(String privateKeyB64, String sealedB64) throws Exception {
        return python("import sys, base64\nfrom nacl.public import PrivateKey, SealedBox\n"
                + "k = PrivateKey(base64.b64decode(sys.argv[1]))\n"
                + "sys.stdout.write(SealedBox(k).decrypt(base64.b64decode(sys.stdin.read())).decode('utf-8'))",
                sealedB64, privateKeyB64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ghp_0123456789abcdefABCDEF", "x", "unicodé ✓ and 'quotes' $ # = ", ""})
    void libsodiumOpensWhatIsSealed(String message) throws Exception {
        String[] pair = keyPair();
        byte[] sealed = SealedBox.seal(message.getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(pair[0]),
                new SecureRandom());
        assertThat(sealed).hasSize(32 + 16 + message.getBytes(StandardCharsets.UTF_8).length);
        assertThat(open(pair[1], Base64.getEncoder().encodeToString(sealed))).isEqualTo(message);
    }

    @Test
    void everySealIsFresh() {
        byte[] pk = new byte[32];
        pk[0] = 9; // the X25519 base point: a valid public key
        byte[] a = SealedBox.seal("same".getBytes(StandardCharsets.UTF_8), pk, new SecureRandom());
        byte[] b = SealedBox.seal("same".getBytes(StandardCharsets.UTF_8), pk, new SecureRandom());
        assertThat(a).isNotEqualTo(b);
    }

    static String python(String program, String stdin, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON, "-c", program));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return out;
    }
}
