package dev.apikey.store;

import dev.apikey.core.SecretId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apikey.core.KeyRef;
import dev.apikey.core.Secret;
import dev.apikey.core.SecretStoreException;
import dev.apikey.core.UserPrompts;
import dev.apikey.metadata.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedFileSecretStoreTest {
    /** The cheapest parameters the format accepts: the tests are about the format, not the cost. */
    private static final Argon2Kdf CHEAP = new Argon2Kdf(8 * 1024, 1, 1);
    private static final SecretId DEMO = SecretId.forKey(KeyRef.parse("local/demo"));
    private static final SecretId OTHER = SecretId.forKey(KeyRef.parse("local/other"));
    private static final String VALUE = "ak_thisIsTheSecretValue0123456789";

    @TempDir
    Path dir;

    private EncryptedFileSecretStore store(String passphrase) {
        return store(Map.of("APIKEY_PASSPHRASE", passphrase), UserPrompts.NONE);
    }

    private EncryptedFileSecretStore store(Map<String, String> env, UserPrompts prompts) {
        return new EncryptedFileSecretStore(dir.resolve("secrets.enc"), new PassphraseSource(env, prompts),
                new SecureRandom(), CHEAP);
    }

    @Test
    void roundTripAcrossInstancesWithThePassphrase() {
        store("pw").put(DEMO, Secret.of(VALUE));
        assertThat(store("pw").get(DEMO)).contains(Secret.of(VALUE));
        assertThat(store("pw").get(OTHER)).isEmpty();
    }

    @Test
    void theFileHoldsNoPlaintextAndIsOwnerOnly() throws Exception {
        store("pw").put(DEMO, Secret.of(VALUE));
        Path file = dir.resolve("secrets.enc");
        String content = Files.readString(file);
        assertThat(content).doesNotContain(VALUE).doesNotContain("thisIsTheSecret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        JsonNode kdf = Json.mapper().readTree(content).get("kdf");
        assertThat(kdf.get("algorithm").asText()).isEqualTo("argon2id");
        assertThat(kdf.get("memoryKiB").asInt()).isEqualTo(CHEAP.memoryKiB());
        assertThat(kdf.get("salt").asText()).isNotBlank();
    }

    @Test
    void theDefaultKdfIsMemoryHard() {
        assertThat(Argon2Kdf.DEFAULT.memoryKiB()).isGreaterThanOrEqualTo(19 * 1024);
        assertThat(Argon2Kdf.DEFAULT.iterations()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void everyEntryHasItsOwnNonce() throws Exception {
        EncryptedFileSecretStore s = store("pw");
        s.put(DEMO, Secret.of(VALUE));
        s.put(OTHER, Secret.of(VALUE));
        JsonNode entries = Json.mapper().readTree(dir.resolve("secrets.enc").toFile()).get("entries");
        assertThat(entries.get(DEMO.toString()).get("nonce").asText())
                .isNotEqualTo(entries.get(OTHER.toString()).get("nonce").asText());
        assertThat(entries.get(DEMO.toString()).get("ciphertext").asText())
                .isNotEqualTo(entries.get(OTHER.toString()).get("ciphertext").asText());
    }

    @Test
    void aWrongPassphraseIsASecretStoreErrorAndChangesNothing() throws Exception {
        store("right").put(DEMO, Secret.of(VALUE));
        byte[] before = Files.readAllBytes(dir.resolve("secrets.enc"));
        assertThatThrownBy(() -> store("wrong").get(DEMO))
                .isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("wrong passphrase");
        assertThatThrownBy(() -> store("wrong").put(OTHER, Secret.of(VALUE)))
                .isInstanceOf(SecretStoreException.class);
        assertThat(Files.readAllBytes(dir.resolve("secrets.enc"))).isEqualTo(before);
    }

    @Test
    void entriesCannotBeSwapped() throws Exception {
        EncryptedFileSecretStore s = store("pw");
        s.put(DEMO, Secret.of(VALUE));
        s.put(OTHER, Secret.of("ak_otherSecretValue0123456789xyz"));
        Path file = dir.resolve("secrets.enc");
        ObjectNode doc = (ObjectNode) Json.mapper().readTree(file.toFile());
        ObjectNode entries = (ObjectNode) doc.get("entries");
        JsonNode demo = entries.get(DEMO.toString());
        entries.set(DEMO.toString(), entries.get(OTHER.toString()));
        entries.set(OTHER.toString(), demo);
        Files.write(file, Json.mapper().writeValueAsBytes(doc));
        assertThatThrownBy(() -> store("pw").get(DEMO))
                .isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("corrupt");
    }

    @Test
    void aCorruptFileIsReportedWithItsPathAndLeftAlone() throws Exception {
        Path file = dir.resolve("secrets.enc");
        Files.writeString(file, "{ not json");
        assertThatThrownBy(() -> store("pw").get(DEMO))
                .isInstanceOf(SecretStoreException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("corrupt");
        assertThatThrownBy(() -> store("pw").put(DEMO, Secret.of(VALUE))).isInstanceOf(SecretStoreException.class);
        assertThat(Files.readString(file)).isEqualTo("{ not json");
    }

    @Test
    void aCorruptFileIsNeverQuotedInTheError() throws Exception {
        Path file = dir.resolve("secrets.enc");
        Files.writeString(file, "{\"format\": " + VALUE + "}");
        assertThatThrownBy(() -> store("pw").get(DEMO))
                .isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("not valid JSON (line 1, column")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(VALUE.substring(3)));
        Files.writeString(file, "{\"format\": \"apikey-secrets\", \"kdf\": {\"salt\": 7, \"note\": \"" + VALUE + "\"}}");
        assertThatThrownBy(() -> store("pw").get(DEMO))
                .isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("'salt' is not a string")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(VALUE.substring(3)));
    }

    @Test
    void aFileWithoutItsFormatVersionIsCorruptNotNewer() throws Exception {
        Path file = dir.resolve("secrets.enc");
        store("pw").put(DEMO, Secret.of(VALUE));
        ObjectNode doc = (ObjectNode) Json.mapper().readTree(Files.readAllBytes(file));
        doc.remove("version");
        Files.write(file, Json.mapper().writeValueAsBytes(doc));
        assertThatThrownBy(() -> store("pw").get(DEMO))
                .isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("corrupt: missing header fields");
    }

    @Test
    void withoutAPassphraseTheErrorSaysHowToGiveOne() {
        assertThatThrownBy(() -> store(Map.of(), UserPrompts.NONE).put(DEMO, Secret.of(VALUE)))
                .isInstanceOf(SecretStoreException.class)
                .satisfies(e -> assertThat(((SecretStoreException) e).hint())
                        .contains("APIKEY_PASSPHRASE").contains("APIKEY_PASSPHRASE_FILE"));
        assertThat(dir.resolve("secrets.enc")).doesNotExist();
    }

    @Test
    void aPassphraseFileOthersCanReadIsUsedWithAWarning() throws Exception {
        Path pass = dir.resolve("pass.txt");
        Files.writeString(pass, "from-a-file\n", StandardCharsets.UTF_8);
        List<String> warnings = new java.util.ArrayList<>();
        dev.apikey.core.Notices notices = new dev.apikey.core.Notices() {
            @Override
            public void warn(String message) {
                warnings.add(message);
            }

            @Override
            public void info(String message) {
            }

            @Override
            public void verbose(String message) {
            }
        };
        for (String mode : new String[] {"rw-------", "rw-r--r--"}) {
            Files.setPosixFilePermissions(pass, PosixFilePermissions.fromString(mode));
            warnings.clear();
            new EncryptedFileSecretStore(dir.resolve("secrets.enc"), new PassphraseSource(
                    Map.of("APIKEY_PASSPHRASE_FILE", pass.toString()), UserPrompts.NONE, notices), new SecureRandom(), CHEAP)
                    .put(DEMO, Secret.of(VALUE));
            if (mode.equals("rw-------")) {
                assertThat(warnings).isEmpty();
            } else {
                assertThat(warnings).singleElement().asString().contains("readable by others").contains("chmod 600");
            }
        }
    }

    @Test
    void thePassphraseCanComeFromAFile() throws Exception {
        Path pass = dir.resolve("pass.txt");
        Files.writeString(pass, "from-a-file\n", StandardCharsets.UTF_8);
        store(Map.of("APIKEY_PASSPHRASE_FILE", pass.toString()), UserPrompts.NONE).put(DEMO, Secret.of(VALUE));
        assertThat(store("from-a-file").get(DEMO)).contains(Secret.of(VALUE));
    }

    @Test
    void aNewStoreAsksForThePassphraseTwiceAndRefusesAMismatch() {
        ScriptedPrompts prompts = new ScriptedPrompts(List.of("one", "two"));
        assertThatThrownBy(() -> store(Map.of(), prompts).put(DEMO, Secret.of(VALUE)))
                .isInstanceOf(SecretStoreException.class).hasMessageContaining("did not match");
        assertThat(dir.resolve("secrets.enc")).doesNotExist();

        ScriptedPrompts again = new ScriptedPrompts(List.of("same", "same"));
        store(Map.of(), again).put(DEMO, Secret.of(VALUE));
        assertThat(again.asked).hasSize(2);
        assertThat(store("same").get(DEMO)).contains(Secret.of(VALUE));
    }

    @Test
    void deletingRemovesOnlyThatEntry() {
        EncryptedFileSecretStore s = store("pw");
        s.put(DEMO, Secret.of(VALUE));
        s.put(OTHER, Secret.of(VALUE));
        assertThat(s.delete(DEMO)).isTrue();
        assertThat(s.delete(DEMO)).isFalse();
        assertThat(store("pw").get(DEMO)).isEmpty();
        assertThat(store("pw").get(OTHER)).isPresent();
    }

    private static final class ScriptedPrompts implements UserPrompts {
        final Deque<String> answers;
        final List<String> asked = new java.util.ArrayList<>();

        ScriptedPrompts(List<String> answers) {
            this.answers = new ArrayDeque<>(answers);
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public char[] secret(String prompt) {
            asked.add(prompt);
            return answers.pop().toCharArray();
        }

        @Override
        public boolean confirm(String question) {
            throw new AssertionError("no confirmation expected");
        }
    }

    private static final SecretId DEMO_BINDING = new SecretId("apikey-binding", "local/demo");

    @Test
    void aKeysBindingIsSealedIntoItsOwnEntry() throws Exception {
        EncryptedFileSecretStore s = store("pw");
        s.put(DEMO, Secret.of(VALUE));
        s.put(DEMO_BINDING, Secret.of("[\"https://api.example.com\"]"));
        s.put(DEMO, Secret.of(VALUE + "-rotated")); // a new secret keeps the binding
        assertThat(store("pw").get(DEMO_BINDING)).contains(Secret.of("[\"https://api.example.com\"]"));
        Path file = dir.resolve("secrets.enc");
        ObjectNode doc = (ObjectNode) Json.mapper().readTree(file.toFile());
        assertThat(doc.get("version").asInt()).isEqualTo(2);
        assertThat(doc.get("entries").has(DEMO_BINDING.toString())).isFalse();

        for (String tampered : new String[] {null, "[\"https://evil.example\"]"}) {
            ObjectNode copy = doc.deepCopy();
            ObjectNode entry = (ObjectNode) copy.get("entries").get(DEMO.toString());
            if (tampered == null) {
                entry.remove("binding");
            } else {
                entry.put("binding", tampered);
            }
            Files.write(file, Json.mapper().writeValueAsBytes(copy));
            assertThatThrownBy(() -> store("pw").get(DEMO_BINDING)).as("binding %s", tampered)
                    .isInstanceOf(SecretStoreException.class).hasMessageContaining("does not decrypt");
            assertThatThrownBy(() -> store("pw").get(DEMO)).isInstanceOf(SecretStoreException.class);
        }
    }

    @Test
    void deletingTheBindingKeepsTheSecret() {
        EncryptedFileSecretStore s = store("pw");
        s.put(DEMO, Secret.of(VALUE));
        s.put(DEMO_BINDING, Secret.of("[]"));
        assertThat(s.delete(DEMO_BINDING)).isTrue();
        assertThat(store("pw").get(DEMO_BINDING)).isEmpty();
        assertThat(store("pw").get(DEMO)).contains(Secret.of(VALUE));
    }

    /** Files written before bindings were sealed into entries kept them as entries of their own. */
    @Test
    void aFormatOneFileIsReadAsItIsAndUpgradedOnTheNextWriteWithoutLosingAKey() throws Exception {
        store("pw").put(DEMO, Secret.of(VALUE));
        store("pw").put(OTHER, Secret.of("ak_otherSecretValue0123456789xyz"));
        Path file = dir.resolve("secrets.enc");
        ObjectNode doc = (ObjectNode) Json.mapper().readTree(file.toFile());
        doc.put("version", 1);
        byte[] key = CHEAP.derive("pw".toCharArray(), java.util.Base64.getDecoder().decode(doc.get("kdf").get("salt").asText()));
        ((ObjectNode) doc.get("entries")).set(DEMO_BINDING.toString(),
                Json.mapper().valueToTree(legacySeal(key, "[\"https://api.example.com\"]", DEMO_BINDING.toString())));
        ((ObjectNode) doc.get("entries")).set("apikey-binding:local/gone",
                Json.mapper().valueToTree(legacySeal(key, "[]", "apikey-binding:local/gone")));
        Files.write(file, Json.mapper().writeValueAsBytes(doc));

        assertThat(store("pw").get(DEMO_BINDING)).contains(Secret.of("[\"https://api.example.com\"]"));
        store("pw").put(SecretId.forKey(KeyRef.parse("local/third")), Secret.of("ak_thirdSecretValue0123456789"));

        JsonNode upgraded = Json.mapper().readTree(file.toFile());
        assertThat(upgraded.get("version").asInt()).isEqualTo(2);
        assertThat(upgraded.get("entries").fieldNames()).toIterable()
                .containsExactlyInAnyOrder(DEMO.toString(), OTHER.toString(), "apikey:local/third");
        assertThat(store("pw").get(DEMO)).contains(Secret.of(VALUE));
        assertThat(store("pw").get(OTHER)).contains(Secret.of("ak_otherSecretValue0123456789xyz"));
        assertThat(store("pw").get(DEMO_BINDING)).contains(Secret.of("[\"https://api.example.com\"]"));
    }

    private static SecretFile.Sealed legacySeal(byte[] key, String value, String name) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, nonce));
        c.updateAAD(name.getBytes(StandardCharsets.UTF_8));
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        return new SecretFile.Sealed(b64.encodeToString(nonce), b64.encodeToString(c.doFinal(value.getBytes(StandardCharsets.UTF_8))));
    }
}
