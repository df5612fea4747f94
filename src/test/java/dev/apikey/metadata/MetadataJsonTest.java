package dev.apikey.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apikey.core.AuditEvent;
import dev.apikey.core.KeyRecord;
import dev.apikey.core.KeyRef;
import dev.apikey.core.ProviderConfig;
import dev.apikey.core.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The metadata files are read and written with jackson-core's streaming API so that commands start
 * without jackson-databind; earlier versions wrote them with databind's mapper. Both must produce the
 * same documents and read each other's, for every field.
 */
class MetadataJsonTest {
    private static final Instant T1 = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant T2 = Instant.parse("2026-03-04T05:06:07.123456789Z");

    static final KeyRecord FULL_KEY = new KeyRecord(KeyRef.parse("openai/ci-bot"), "key_1", "keychain", KeyRecord.CREATED,
            T1, T2, T2.plusSeconds(86_400), Duration.ofDays(90), Duration.ofHours(36), "CI \"bot\"\n\u001b[2J ünï",
            List.of("read", "write"), Map.of("team", "a=b"), "sk_…x9Qz",
            List.of(new KeyRecord.PendingRevocation("key_0", "sk_…abcd", T2, "openai/ci-bot#1"),
                    new KeyRecord.PendingRevocation("key_00", null, T1, null)), T2);
    static final KeyRecord BARE_KEY = new KeyRecord(KeyRef.parse("local/x"), null, "file", KeyRecord.IMPORTED, T1,
            null, null, null, null, null, null, null, null, null, null);
    static final ProviderConfig FULL_PROVIDER = new ProviderConfig("svc", "http", "https://api.example.com",
            List.of("a.example.com", "b.example.com:8443"), Map.of("account", "42"), "x-api-key", "Token", "SVC_KEY",
            "file", "{\"name\":\"svc\",\"operations\":{\"list\":{\"path\":\"/keys\",\"page\":[1,2.5,true,null]}}}");
    static final ProviderConfig BARE_PROVIDER = ProviderConfig.implicit("local");
    static final Target FULL_TARGET = new Target(KeyRef.parse("openai/ci-bot"), "github:o/r@prod", "OPENAI_API_KEY",
            new Target.Write(T1, Target.Write.FAILED, "HTTP 403 \u001b[31m", T2));
    static final Target BARE_TARGET = new Target(KeyRef.parse("local/x"), "dotenv:/tmp/.env", "X_API_KEY", null);

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of(MetadataJson.KEY_RECORD, FULL_KEY, KeyRecord.class),
                Arguments.of(MetadataJson.KEY_RECORD, BARE_KEY, KeyRecord.class),
                Arguments.of(MetadataJson.PROVIDER_CONFIG, FULL_PROVIDER, ProviderConfig.class),
                Arguments.of(MetadataJson.PROVIDER_CONFIG, BARE_PROVIDER, ProviderConfig.class),
                Arguments.of(MetadataJson.TARGET, FULL_TARGET, Target.class),
                Arguments.of(MetadataJson.TARGET, BARE_TARGET, Target.class),
                Arguments.of(MetadataJson.APP_CONFIG, new AppConfig("file", Duration.ofSeconds(12)), AppConfig.class),
                Arguments.of(MetadataJson.APP_CONFIG, AppConfig.DEFAULTS, AppConfig.class),
                Arguments.of(MetadataJson.AUDIT_EVENT, new AuditEvent(T2, "request", "openai/ci-bot", "key_1", "ok",
                        "HTTP 200", "https://api.openai.com:443", "/v1/models"), AuditEvent.class),
                Arguments.of(MetadataJson.AUDIT_EVENT, AuditEvent.of(T1, "get", KeyRef.parse("local/x"), null, "ok"),
                        AuditEvent.class));
    }

    @ParameterizedTest
    @MethodSource("records")
    <T> void writesTheDocumentTheMapperWrites(MetadataJson.Codec<T> codec, T value, Class<T> type) throws IOException {
        JsonNode streamed = Json.mapper().readTree(JsonStreams.compact(g -> codec.write(g, value)));
        assertThat(streamed).isEqualTo(Json.mapper().valueToTree(value));
    }

    @ParameterizedTest
    @MethodSource("records")
    <T> void readsWhatTheMapperWrote(MetadataJson.Codec<T> codec, T value, Class<T> type) throws IOException {
        byte[] written = Json.mapper().writeValueAsBytes(value);
        assertThat(read(codec, written)).isEqualTo(value);
    }

    @ParameterizedTest
    @MethodSource("records")
    <T> void theMapperReadsWhatItWrites(MetadataJson.Codec<T> codec, T value, Class<T> type) throws IOException {
        byte[] written = JsonStreams.pretty(g -> codec.write(g, value));
        assertThat(Json.mapper().readValue(written, type)).isEqualTo(value);
        assertThat(read(codec, written)).isEqualTo(value);
    }

    @Test
    void anIndexIsByteForByteTheDocumentTheMapperWrote() throws IOException {
        // One-entry maps: the order of a map's entries is its own, in either writer.
        byte[] streamed = JsonStreams.pretty(g -> {
            g.writeStartObject();
            g.writeNumberField("version", 1);
            g.writeArrayFieldStart("keys");
            MetadataJson.KEY_RECORD.write(g, FULL_KEY);
            MetadataJson.KEY_RECORD.write(g, BARE_KEY);
            g.writeEndArray();
            g.writeEndObject();
        });
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("version", 1);
        doc.putArray("keys").add(Json.mapper().valueToTree(FULL_KEY)).add(Json.mapper().valueToTree(BARE_KEY));
        String mapped = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        assertThat(new String(streamed, StandardCharsets.UTF_8)).isEqualTo(mapped);
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedAndItsValueIsNot() {
        String json = "{\"ref\":\"local/x\",\"backend\":\"file\",\"createdAt\":\"sk_live_leaked\"}";
        assertThatThrownBy(() -> read(MetadataJson.KEY_RECORD, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonFields.MalformedException.class)
                .hasMessageContaining("createdAt").hasMessageNotContaining("sk_live_leaked");
        String list = "{\"ref\":\"local/x\",\"scopes\":[\"a\",{\"b\":1}]}";
        assertThatThrownBy(() -> read(MetadataJson.KEY_RECORD, list.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonFields.MalformedException.class).hasMessageContaining("scopes");
    }

    @Test
    void fieldsANewerVersionAddedAreIgnored() throws IOException {
        String json = "{\"ref\":\"local/x\",\"backend\":\"file\",\"origin\":\"imported\",\"createdAt\":\"2026-01-02T03:04:05Z\","
                + "\"future\":{\"deep\":[1,{\"a\":null}]}}";
        KeyRecord r = read(MetadataJson.KEY_RECORD, json.getBytes(StandardCharsets.UTF_8));
        assertThat(r).isEqualTo(new KeyRecord(KeyRef.parse("local/x"), null, "file", "imported", T1, null, null, null,
                null, null, null, null, null, null, null));
    }

    @Test
    void aBindingIsAJsonArrayOfOriginsAndNothingElse() throws IOException {
        List<String> origins = List.of("https://api.example.com:443", "http://127.0.0.1:8080");
        String text = JsonStreams.stringArray(origins);
        assertThat(Json.mapper().readValue(text, List.class)).isEqualTo(origins);
        assertThat(JsonStreams.parseStringArray(text)).isEqualTo(origins);
        for (String bad : List.of("", "{}", "[1]", "[\"a\"] [\"b\"]", "[\"a\",null]", "\"a\"", "[\"a\"")) {
            assertThatThrownBy(() -> JsonStreams.parseStringArray(bad)).as(bad).isInstanceOf(IOException.class);
        }
    }

    private static <T> T read(MetadataJson.Codec<T> codec, byte[] json) throws IOException {
        try (JsonParser p = JsonStreams.factory().createParser(json)) {
            p.nextToken();
            return codec.read(JsonFields.read(p));
        }
    }
}
