package dev.apikey.store;

import dev.apikey.core.SecretStore;
import dev.apikey.core.SecretId;
import com.fasterxml.jackson.core.JacksonException;
import dev.apikey.core.Secret;
import dev.apikey.core.SecretStoreException;
import dev.apikey.core.PolicyException;
import dev.apikey.metadata.AtomicFile;
import dev.apikey.metadata.ConfigFiles;
import dev.apikey.metadata.DirectoryLock;
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
 *
 * <p>A key's origin binding ({@code apikey-binding:REF}) is not an entry of its own: it is sealed into
 * the key's entry ({@code apikey:REF}) as part of that entry's associated data, so the binding cannot
 * be removed or changed apart from the secret (format 2). Files of format 1 kept bindings as separate
 * entries; they are read as they are and folded into the keys' entries on the next write.
 */
public final class EncryptedFileSecretStore implements SecretStore {
    static final String FORMAT = "apikey-secrets";
    /** Format 2 seals bindings into keys' entries; format 1 files are still read, and upgraded on write. */
    static final int VERSION = 2;
    static final String BINDING_SERVICE = BindingEntries.SERVICE;
    private static final byte[] CHECK_PLAINTEXT = "apikey passphrase check".getBytes(StandardCharsets.UTF_8);
    private static final String CHECK_AAD = "apikey:passphrase-check";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Path file;
    private final PassphraseSource passphrases;
    private final Argon2Kdf newStoreKdf;
    private final SecureRandom random;
    private final UnlockedKeys unlocked;
    private byte[] key;
    private String keySalt;
    /** A new store's header, made by {@link #prepareWrite()} and written with the first secret. */
    private SecretFile pendingNew;

    public EncryptedFileSecretStore(Path file, PassphraseSource passphrases, SecureRandom random) {
        this(file, passphrases, random, UnlockedKeys.NONE);
    }

    public EncryptedFileSecretStore(Path file, PassphraseSource passphrases, SecureRandom random, UnlockedKeys unlocked) {
        this(file, passphrases, random, Argon2Kdf.DEFAULT, unlocked);
    }

    EncryptedFileSecretStore(Path file, PassphraseSource passphrases, SecureRandom random, Argon2Kdf newStoreKdf) {
        this(file, passphrases, random, newStoreKdf, UnlockedKeys.NONE);
    }

    EncryptedFileSecretStore(Path file, PassphraseSource passphrases, SecureRandom random, Argon2Kdf newStoreKdf,
                             UnlockedKeys unlocked) {
        this.file = file;
        this.passphrases = passphrases;
        this.random = random;
        this.newStoreKdf = newStoreKdf;
        this.unlocked = unlocked;
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
        if (isBinding(id) && f.entries().get(id.toString()) == null) {
            return bindingOf(k, f, id);
        }
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
            foldBindings(k, f);
            if (isBinding(id)) {
                bind(k, f, id, secret.reveal());
            } else {
                // A new secret for a key keeps the key's binding until a new one is recorded.
                SecretFile.Sealed previous = f.entries().get(id.toString());
                sealInto(k, f, id.toString(), secret.reveal(), previous == null ? null : previous.binding());
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
            if (model.isEmpty() || !model.get().entries().containsKey(id.toString())
                    && !(isBinding(id) && boundKey(model.get(), id) != null)) {
                return false;
            }
            SecretFile f = model.get();
            byte[] k = unlock(f); // only the passphrase holder may change the store
            foldBindings(k, f);
            if (isBinding(id)) {
                bind(k, f, id, null);
            } else {
                f.entries().remove(id.toString());
            }
            write(f);
            return true;
        }
    }

    @Override
    public synchronized Health health() {
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return new Health(backend(), true, "no file yet (" + file + ")");
        }
        try {
            int n = read().map(f -> f.entries().size()).orElse(0);
            String agent = unlocked.describe();
            return new Health(backend(), true, file + ", " + n + (n == 1 ? " secret" : " secrets")
                    + (agent == null ? "" : ", " + agent));
        } catch (SecretStoreException | PolicyException e) {
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
        return new SecretFile(FORMAT, VERSION, spec, seal(key, CHECK_PLAINTEXT, CHECK_AAD), new TreeMap<>());
    }

    /**
     * Derives the key once per process — or takes it from {@code apikey unlock}'s agent, unless the
     * passphrase comes from the environment — and proves it against the file's check value.
     */
    private byte[] unlock(SecretFile f) {
        if (key != null && f.kdf().salt().equals(keySalt)) {
            return key;
        }
        Optional<byte[]> held = passphrases.fromEnvironment() ? Optional.empty() : unlocked.find(headerBinding(f));
        if (held.isPresent() && proves(held.get(), f)) {
            key = held.get();
        } else {
            held.ifPresent(wrong -> Arrays.fill(wrong, (byte) 0));
            key = derive(f);
        }
        keySalt = f.kdf().salt();
        return key;
    }

    /**
     * Asks for the passphrase (never the agent), derives the key and proves it: for {@code apikey
     * unlock}. The caller owns the returned copy and should zero it.
     */
    public synchronized byte[] deriveKey() {
        SecretFile f = read().orElseThrow(this::noStoreYet);
        return derive(f).clone();
    }

    /**
     * What ties a derived key to this file: a hash of its key derivation parameters, salt and check
     * value. A file swapped or re-created has another binding, so a key held for it is not offered.
     */
    public synchronized byte[] headerBinding() {
        return headerBinding(read().orElseThrow(this::noStoreYet));
    }

    private static byte[] headerBinding(SecretFile f) {
        SecretFile.KdfSpec k = f.kdf();
        // Not the format version: a file upgraded in place keeps its key.
        String header = String.join("\n", "apikey file store key binding v1", k.algorithm(), String.valueOf(k.memoryKiB()), String.valueOf(k.iterations()),
                String.valueOf(k.parallelism()), k.salt(), f.check().nonce(), f.check().ciphertext());
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(header.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private byte[] derive(SecretFile f) {
        Argon2Kdf kdf;
        byte[] salt;
        try {
            if (!Argon2Kdf.ALGORITHM.equals(f.kdf().algorithm())) {
                throw new IllegalArgumentException("unknown key derivation " + f.kdf().algorithm());
            }
            kdf = new Argon2Kdf(f.kdf().memoryKiB(), f.kdf().iterations(), f.kdf().parallelism());
            salt = Base64.getDecoder().decode(f.kdf().salt());
            if (salt.length < 16 || salt.length > 64) {
                throw new IllegalArgumentException("salt of " + salt.length + " bytes");
            }
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
        if (!proves(candidate, f)) {
            Arrays.fill(candidate, (byte) 0);
            throw wrongPassphrase();
        }
        return candidate;
    }

    /** Whether this key opens the file's check value: the right key for this file. */
    private boolean proves(byte[] candidate, SecretFile f) {
        try {
            return Arrays.equals(decrypt(candidate, f.check(), CHECK_AAD), CHECK_PLAINTEXT);
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw corrupt("unreadable passphrase check");
        }
    }

    private static boolean isBinding(SecretId id) {
        return BINDING_SERVICE.equals(id.service());
    }

    private static String keyEntryOf(SecretId bindingId) {
        return new SecretId(SecretId.KEY_SERVICE, bindingId.account()).toString();
    }

    /** The key entry whose binding {@code bindingId} names, if it carries one. */
    private static SecretFile.Sealed boundKey(SecretFile f, SecretId bindingId) {
        SecretFile.Sealed key = f.entries().get(keyEntryOf(bindingId));
        return key == null || key.binding() == null ? null : key;
    }

    /** A key's binding, from its entry — opened, so that the binding is proven untouched. */
    private Optional<Secret> bindingOf(byte[] k, SecretFile f, SecretId bindingId) {
        SecretFile.Sealed key = f.entries().get(keyEntryOf(bindingId));
        if (key == null) {
            return Optional.empty();
        }
        // Opened even without a binding: an entry whose binding was stripped must not pass for an unbound one.
        Arrays.fill(open(k, key, keyEntryOf(bindingId)), (byte) 0);
        return Optional.ofNullable(key.binding()).map(Secret::of);
    }

    /** Re-seals a key's entry with a new binding (or none), keeping its secret. */
    private void bind(byte[] k, SecretFile f, SecretId bindingId, String binding) {
        f.entries().remove(bindingId.toString());
        String name = keyEntryOf(bindingId);
        SecretFile.Sealed key = f.entries().get(name);
        if (key == null) {
            if (binding == null) {
                return;
            }
            throw new SecretStoreException("no secret is stored for " + bindingId.account() + " to bind", null);
        }
        byte[] plain = open(k, key, name);
        try {
            f.entries().put(name, seal(k, plain, name, binding));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Upgrades a format-1 file: every separate binding entry moves into its key's entry. */
    private void foldBindings(byte[] k, SecretFile f) {
        for (String name : new java.util.ArrayList<>(f.entries().keySet())) {
            if (!name.startsWith(BINDING_SERVICE + ":")) {
                continue;
            }
            SecretId bindingId = new SecretId(BINDING_SERVICE, name.substring(BINDING_SERVICE.length() + 1));
            byte[] binding = open(k, f.entries().get(name), name);
            try {
                if (f.entries().containsKey(keyEntryOf(bindingId))) {
                    bind(k, f, bindingId, new String(binding, StandardCharsets.UTF_8));
                } else {
                    f.entries().remove(name); // the binding of a key that is gone
                }
            } finally {
                Arrays.fill(binding, (byte) 0);
            }
        }
    }

    private void sealInto(byte[] k, SecretFile f, String name, String value, String binding) {
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        try {
            f.entries().put(name, seal(k, plain, name, binding));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * The associated data of an entry: its name, and for a bound key its binding, so that neither can
     * be moved, changed or removed without the entry failing to open.
     */
    private static String associatedData(String name, String binding) {
        return binding == null ? name : name + "\nbinding=" + binding;
    }

    private byte[] open(byte[] k, SecretFile.Sealed sealed, String name) {
        try {
            return decrypt(k, sealed, associatedData(name, sealed.binding()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // The passphrase was proven right, so the entry itself was altered or moved.
            throw corrupt("the entry " + name + " does not decrypt (altered or moved)");
        }
    }

    private SecretFile.Sealed seal(byte[] k, byte[] plain, String name, String binding) {
        SecretFile.Sealed sealed = seal(k, plain, associatedData(name, binding));
        return new SecretFile.Sealed(sealed.nonce(), sealed.ciphertext(), binding);
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
            bytes = ConfigFiles.read(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SecretStoreException("cannot read the encrypted secret store " + file + ": "
                    + e.getClass().getSimpleName(), null, e);
        }
        SecretFile f;
        try {
            f = SecretFile.parse(bytes);
        } catch (JacksonException e) {
            // The parser's location is useful; its message could quote the file.
            var at = e.getLocation();
            throw corrupt("not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw corrupt("not a secret store file (" + e.getMessage() + ")");
        }
        if (!FORMAT.equals(f.format()) || f.version() < 1 || f.kdf() == null || f.check() == null || f.entries() == null) {
            throw corrupt("missing header fields");
        }
        if (f.version() > VERSION) {
            throw new SecretStoreException(file + " was written by a newer apikey (format " + f.version() + ")",
                    "upgrade apikey");
        }
        return Optional.of(f);
    }

    private void write(SecretFile f) {
        try {
            SecretFile current = new SecretFile(f.format(), VERSION, f.kdf(), f.check(), f.entries());
            AtomicFile.write(file, current.toJson());
        } catch (dev.apikey.core.ApikeyException e) {
            throw new SecretStoreException(e.getMessage(), e.hint(), e);
        }
    }

    private SecretStoreException wrongPassphrase() {
        return new SecretStoreException("wrong passphrase for the encrypted secret store " + file,
                "check APIKEY_PASSPHRASE or APIKEY_PASSPHRASE_FILE");
    }

    private SecretStoreException noStoreYet() {
        return new SecretStoreException("there is no encrypted secret store at " + file + " yet",
                "it is made when the first secret is stored with --backend file (or APIKEY_BACKEND=file)");
    }

    private SecretStoreException corrupt(String problem) {
        return new SecretStoreException("the encrypted secret store " + file + " is corrupt: " + problem,
                "restore it from a backup or move it aside; apikey leaves it untouched");
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
