package dev.apikey.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106), the memory-hard key derivation for the encrypted file store. The parameters
 * are stored in the file, so they can be raised later without breaking existing stores.
 */
record Argon2Kdf(int memoryKiB, int iterations, int parallelism) {
    static final String ALGORITHM = "argon2id";
    /**
     * 32 MiB and 3 passes: about 165 ms in a fresh JVM on a 2-core machine (docs/benchmarks.md) —
     * memory-hard, above the spec's ~100 ms floor, and paid once per invocation that opens the store.
     */
    static final Argon2Kdf DEFAULT = new Argon2Kdf(32 * 1024, 3, 1);

    /** The most memory a file may ask for: 256 MiB. */
    static final int MAX_MEMORY_KIB = 256 * 1024;
    static final int MAX_ITERATIONS = 10;
    /**
     * The most work a file may ask for, memory × passes: 512 MiB-passes, about 1 s on the 2-core
     * machine (the default is 96). Beyond it a file is taken as corrupt or hostile (SPEC §7), not
     * obeyed for a minute of work on every command.
     */
    static final long MAX_WORK_KIB = 512L * 1024;

    Argon2Kdf {
        // Bounds keep a tampered file from asking for absurd work or absurdly weak keys.
        if (memoryKiB < 8 * 1024 || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("memoryKiB out of range: " + memoryKiB);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations out of range: " + iterations);
        }
        if ((long) memoryKiB * iterations > MAX_WORK_KIB) {
            throw new IllegalArgumentException("memoryKiB × iterations out of range: " + memoryKiB + " × " + iterations);
        }
        if (parallelism < 1 || parallelism > 8) {
            throw new IllegalArgumentException("parallelism out of range: " + parallelism);
        }
    }

    byte[] derive(char[] passphrase, byte[] salt) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] password = utf8(passphrase);
        byte[] key = new byte[32];
        try {
            generator.generateBytes(password, key);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
        return key;
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        if (buf.hasArray()) {
            Arrays.fill(buf.array(), (byte) 0);
        }
        return bytes;
    }
}
