package dev.apikey.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apikey.metadata.Json;
import dev.apikey.metadata.JsonFields;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The encrypted store's file, read and written without databind, as databind read and wrote it before. */
class SecretFileTest {
    private static final SecretFile FILE = new SecretFile(EncryptedFileSecretStore.FORMAT, 2,
            new SecretFile.KdfSpec("argon2id", 65536, 3, 1, "c2FsdHNhbHRzYWx0c2FsdA=="),
            new SecretFile.Sealed("bm9uY2U=", "Y2hlY2s="), entries());

    private static TreeMap<String, SecretFile.Sealed> entries() {
        TreeMap<String, SecretFile.Sealed> entries = new TreeMap<>();
        entries.put("local/b", new SecretFile.Sealed("bjI=", "YjI=", "[\"https://api.example.com:443\"]"));
        entries.put("local/a", new SecretFile.Sealed("bjE=", "YTE="));
        entries.put("provider:ünï \"x\"", new SecretFile.Sealed("bjM=", "YzM="));
        return entries;
    }

    /** How the files were written before: the mapper's default pretty printer, a sealed value's binding only when set. */
    private static final ObjectMapper BEFORE = Json.mapper().copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    @Test
    void theTextIsWhatTheMapperWrote() throws Exception {
        assertThat(new String(FILE.toJson(), StandardCharsets.UTF_8))
                .isEqualTo(BEFORE.writerWithDefaultPrettyPrinter().writeValueAsString(FILE));
    }

    @Test
    void whatTheMapperWroteReadsBackWhole() throws Exception {
        assertThat(SecretFile.parse(BEFORE.writeValueAsBytes(FILE))).isEqualTo(FILE);
        assertThat(SecretFile.parse(FILE.toJson())).isEqualTo(FILE);
    }

    @Test
    void absentHeaderFieldsReadAsAbsentForTheStoreToRefuse() throws Exception {
        SecretFile f = SecretFile.parse("{\"format\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(f.version()).isZero();
        assertThat(f.kdf()).isNull();
        assertThat(f.check()).isNull();
        assertThat(f.entries()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]",
        "{\"version\":\"2\"}",
        "{\"version\":2.5}",
        "{\"version\":99999999999}",
        "{\"kdf\":{\"memoryKiB\":\"65536\"}}",
        "{\"check\":{\"nonce\":\"bjE=\"}}",
        "{\"entries\":{\"local/a\":null}}",
        "{\"entries\":{\"local/a\":\"ak_secretValue\"}}",
        "{\"entries\":{\"local/a\":{\"nonce\":\"bjE=\",\"ciphertext\":7}}}",
        "{} {}",
    })
    void aFileThatIsJsonButNotThisFileIsMalformedWithoutQuotingIt(String text) {
        assertThatThrownBy(() -> SecretFile.parse(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonFields.MalformedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ak_secretValue").doesNotContain("65536"));
    }

    @Test
    void aFileThatIsNoJsonFailsAsSuch() {
        assertThatThrownBy(() -> SecretFile.parse("{ not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JacksonException.class);
    }
}
