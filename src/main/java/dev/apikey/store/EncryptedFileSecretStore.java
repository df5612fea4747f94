package dev.apikey.store;

import com.fasterxml.jackson.core.JacksonException;
import dev.apikey.core.Secret;
import dev.apikey.core.SecretStoreException;
import dev.apikey.metadata.AtomicFile;
import dev.apikey.metadata.DirectoryLock;
import dev.apikey.metadata.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets in one encrypted file: AES-256-GCM per entry with a fresh 96-bit nonce, the entry's name
 * ({@code service:account}) as associated data so entries cannot be swapped, and the key derived
 * from a passphrase with Argon2id whose parameters and salt are stored in the file. A known value
 * sealed under the key tells a wrong passphrase from a damaged entry. Nothing is ever written in
 * plain text.
 */
public final class EncryptedFileSecretStore implements SecretStore {
    static final String FORMAT = "apikey-secrets";
    private static final byte[] CHECK_PLAINTEXT = "apikey passphrase check".getBytes(StandardCharsets.UTF_8);
    private static final String CHECK_AAD = "apikey:passphrase-check";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Path file;
    private final PassphraseSource passphrases;
    private final Argon2Kdf newStoreKdf;
    private final SecureRandom random;
    private byte[] key;
    private String keySalt;
    /** A new store's header, made by {@link #prepareWrite()} and written with the first secret. */
    private SecretFile pendingNew;

    public EncryptedFileSecretStore(Path file, PassphraseSource passphrases, SecureRandom random) {
        this(file, passphrases, random, Argon2Kdf.DEFAULT);
    }

    EncryptedFileSecretStore(Path file, PassphraseSource passphrases, SecureRandom random, Argon2Kdf newStoreKdf) {
        this.file = file;
        this.passphrases = passphrases;
        this.random = random;
        this.newStoreKdf = newStoreKdf;
    }

    @Override
    public String backend() {
        return Backends.FILE;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<Secret> get(SecretId id) {
        Optional<SecretFile> model = read();
        if (model.isEmpty()) {
            return Optional.empty();
        }
        SecretFile f = model.get();
        byte[] k = unlock(f);
        SecretFile.Sealed sealed = f.entries().get(id.toString());
        if (sealed == null) {
            return Optional.empty();
        }
        byte[] plain = open(k, sealed, id.toString());
        try {
            return Optional.of(Secret.of(new String(plain, StandardCharsets.UTF_8)));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    @Override
    public synchronized void put(SecretId id, Secret secret) {
        try (DirectoryLock lock = DirectoryLock.acquire(file.getParent())) {
            SecretFile f = read().orElseGet(() -> pendingNew != null ? pendingNew : newFile());
            byte[] k = unlock(f);
            byte[] plain = secret.reveal().getBytes(StandardCharsets.UTF_8);
            try {
                f.entries().put(id.toString(), seal(k, plain, id.toString()));
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
            write(f);
        }
    }

    /** Asks for (and checks) the passphrase now, or for a new one when the file does not exist yet. */
    @Override
    public synchronized void prepareWrite() {
        Optional<SecretFile> existing = read();
        if (existing.isPresent()) {
            unlock(existing.get());
        } else if (pendingNew == null) {
            pendingNew = newFile();
        }
    }

    @Override
    public synchronized boolean delete(SecretId id) {
        try (DirectoryLock lock = DirectoryLock.acquire(file.getParent())) {
            Optional<SecretFile> model = read();
            if (model.isEmpty() || !model.get().entries().containsKey(id.toString())) {
                return false;
            }
            SecretFile f = model.get();
            unlock(f); // only the passphrase holder may change the store
            f.entries().remove(id.toString());
            write(f);
            return true;
        }
    }

    @Override
    public synchronized Health health() {
        if (!Files.exists(file)) {
            return new Health(backend(), true, "no file yet (" + file + ")");
        }
        try {
            int n = read().map(f -> f.entries().size()).orElse(0);
            return new Health(backend(), true, file + ", " + n + (n == 1 ? " secret" : " secrets"));
        } catch (SecretStoreException e) {
            return new Health(backend(), false, e.getMessage());
        }
    }

    private SecretFile newFile() {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Argon2Kdf kdf = newStoreKdf;
        SecretFile.KdfSpec spec = new SecretFile.KdfSpec(Argon2Kdf.ALGORITHM, kdf.memoryKiB(), kdf.iterations(),
                kdf.parallelism(), b64(salt));
        char[] passphrase = passphrases.passphrase(file, true);
        try {
            key = kdf.derive(passphrase, salt);
            keySalt = spec.salt();
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        return new SecretFile(FORMAT, 1, spec, seal(key, CHECK_PLAINTEXT, CHECK_AAD), new TreeMap<>());
    }

    /** Derives the key once per process and proves it against the file's check value. */
    private byte[] unlock(SecretFile f) {
        if (key != null && f.kdf().salt().equals(keySalt)) {
            return key;
        }
        Argon2Kdf kdf;
        byte[] salt;
        try {
            if (!Argon2Kdf.ALGORITHM.equals(f.kdf().algorithm())) {
                throw new IllegalArgumentException("unknown key derivation " + f.kdf().algorithm());
            }
            kdf = new Argon2Kdf(f.kdf().memoryKiB(), f.kdf().iterations(), f.kdf().parallelism());
            salt = Base64.getDecoder().decode(f.kdf().salt());
        } catch (IllegalArgumentException e) {
            throw corrupt(e.getMessage());
        }
        char[] passphrase = passphrases.passphrase(file, false);
        byte[] candidate;
        try {
            candidate = kdf.derive(passphrase, salt);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        try {
            byte[] check = decrypt(candidate, f.check(), CHECK_AAD);
            if (!Arrays.equals(check, CHECK_PLAINTEXT)) {
                throw wrongPassphrase();
            }
        } catch (AEADBadTagException e) {
            throw wrongPassphrase();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw corrupt("unreadable passphrase check");
        }
        key = candidate;
        keySalt = f.kdf().salt();
        return key;
    }

    private byte[] open(byte[] k, SecretFile.Sealed sealed, String name) {
        try {
            return decrypt(k, sealed, name);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // The passphrase was proven right, so the entry itself was altered or moved.
            throw corrupt("the entry " + name + " does not decrypt (altered or moved)");
        }
    }

    private SecretFile.Sealed seal(byte[] k, byte[] plain, String aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return new SecretFile.Sealed(b64(nonce), b64(c.doFinal(plain)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static byte[] decrypt(byte[] k, SecretFile.Sealed sealed, String aad) throws GeneralSecurityException {
        byte[] nonce = Base64.getDecoder().decode(sealed.nonce());
        byte[] ct = Base64.getDecoder().decode(sealed.ciphertext());
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        return c.doFinal(ct);
    }

    private Optional<SecretFile> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SecretStoreException("cannot read the encrypted secret store " + file + ": "
                    + e.getClass().getSimpleName(), null, e);
        }
        SecretFile f;
        try {
            f = Json.mapper().readValue(bytes, SecretFile.class);
        } catch (JacksonException e) {
            throw corrupt("not a secret store file (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw corrupt(e.getClass().getSimpleName());
        }
        if (f == null || !FORMAT.equals(f.format()) || f.kdf() == null || f.check() == null || f.entries() == null) {
            throw corrupt("missing header fields");
        }
        if (f.version() != 1) {
            throw new SecretStoreException(file + " was written by a newer apikey (format " + f.version() + ")",
                    "upgrade apikey");
        }
        return Optional.of(f);
    }

    private void write(SecretFile f) {
        try {
            AtomicFile.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(f));
        } catch (IOException e) {
            throw new SecretStoreException("cannot write " + file + ": " + e.getClass().getSimpleName(), null, e);
        } catch (dev.apikey.core.ApikeyException e) {
            throw new SecretStoreException(e.getMessage(), e.hint(), e);
        }
    }

    private SecretStoreException wrongPassphrase() {
        return new SecretStoreException("wrong passphrase for the encrypted secret store " + file,
                "check APIKEY_PASSPHRASE or APIKEY_PASSPHRASE_FILE");
    }

    private SecretStoreException corrupt(String problem) {
        return new SecretStoreException("the encrypted secret store " + file + " is corrupt: " + problem,
                "restore it from a backup or move it aside; apikey leaves it untouched");
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
