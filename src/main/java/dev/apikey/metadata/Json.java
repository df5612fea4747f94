package dev.apikey.metadata;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.apikey.core.ProviderConfig;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.apikey.core.AuditEvent;
import dev.apikey.core.JournalEntry;
import dev.apikey.core.KeyRef;
import dev.apikey.core.Secret;
import java.io.IOException;

/**
 * The one JSON mapper, built on first use: commands that print no JSON and read no metadata
 * (such as {@code --version}) never load Jackson.
 */
public final class Json {
    private Json() {
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = build();
    }

    private static ObjectMapper build() {
        SimpleModule apikey = new SimpleModule("apikey");
        apikey.addSerializer(KeyRef.class, new JsonSerializer<>() {
            @Override
            public void serialize(KeyRef ref, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(ref.toString());
            }
        });
        apikey.addDeserializer(KeyRef.class, new JsonDeserializer<>() {
            @Override
            public KeyRef deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return KeyRef.parse(p.getValueAsString());
            }
        });
        // A secret has no JSON form: serialising one is a bug, and it fails loudly instead of leaking.
        apikey.addSerializer(Secret.class, new JsonSerializer<>() {
            @Override
            public void serialize(Secret s, JsonGenerator g, SerializerProvider p) throws IOException {
                throw new IllegalStateException("refusing to write a secret as JSON");
            }
        });
        wireWords(apikey, JournalEntry.Operation.class);
        wireWords(apikey, JournalEntry.Strategy.class);
        wireWords(apikey, JournalEntry.StepName.class);
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(apikey)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        mapper.addMixIn(ProviderConfig.class, ProviderConfigJson.class);
        mapper.addMixIn(JournalEntry.Step.class, StepJson.class);
        // Audit lines carry only the fields an event has.
        mapper.configOverride(AuditEvent.class).setInclude(
                JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
        return mapper;
    }

    /**
     * The journal's states are written as their fixed words, never as the constants' names. A word no
     * value has fails the read as a mapping error, which the file's reader reports as a corrupt file.
     */
    private static <E extends Enum<E> & JournalEntry.Wire> void wireWords(SimpleModule module, Class<E> type) {
        module.addSerializer(type, new JsonSerializer<>() {
            @Override
            public void serialize(E value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(value.wire());
            }
        });
        module.addDeserializer(type, new JsonDeserializer<>() {
            @Override
            public E deserialize(JsonParser p, DeserializationContext c) throws IOException {
                String word = p.getValueAsString();
                if (word == null) {
                    return (E) c.handleUnexpectedToken(type, p);
                }
                return JournalEntry.fromWire(type, word).orElseThrow(
                        () -> c.weirdStringException(word, type, "not a known " + type.getSimpleName()));
            }
        });
    }

    /** A step keeps parameters only where a new key has some: other steps read and write as before. */
    private abstract static class StepJson {
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        abstract java.util.Map<String, String> kept();
    }

    /** A provider's definition is JSON text in the domain and a nested object in {@code providers.json}. */
    private abstract static class ProviderConfigJson {
        @JsonSerialize(using = JsonText.class)
        @JsonDeserialize(using = RawJson.class)
        abstract String definition();
    }

    /** Writes JSON text as the value it holds. */
    private static final class JsonText extends JsonSerializer<String> {
        @Override
        public void serialize(String json, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeTree(mapper().readTree(json));
        }
    }

    /** Reads any JSON value as its text. */
    private static final class RawJson extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext c) throws IOException {
            return p.readValueAsTree().toString();
        }
    }
}
