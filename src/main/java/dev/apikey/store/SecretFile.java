package dev.apikey.store;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.apikey.metadata.JsonFields;
import dev.apikey.metadata.JsonStreams;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The on-disk form of the encrypted file store. Field names are part of the file format.
 *
 * <p>Read and written with jackson-core's streaming parser and generator: every {@code get}, {@code exec} and
 * {@code request} of a key in the file store reads this file, and jackson-databind's mapper would load more
 * classes than the rest of such a command. The text is what the mapper wrote before ({@code SecretFileTest}
 * holds the two to it), so files of either age read alike.
 */
record SecretFile(String format, int version, KdfSpec kdf, Sealed check, TreeMap<String, Sealed> entries) {

    record KdfSpec(String algorithm, int memoryKiB, int iterations, int parallelism, String salt) {
    }

    /**
     * A value sealed with AES-256-GCM: the nonce and the ciphertext with its tag, both base64. A key's
     * entry also carries its origin binding in clear, authenticated as part of the associated data:
     * changing or removing it makes the entry fail to open.
     */
    record Sealed(String nonce, String ciphertext, String binding) {
        Sealed(String nonce, String ciphertext) {
            this(nonce, ciphertext, null);
        }
    }

    /**
     * Reads the file's text. A header field that is absent reads as null (or 0), for the store to refuse;
     * one of the wrong type, or an entry that is no sealed value, fails the read.
     *
     * @throws com.fasterxml.jackson.core.JacksonException when it is not JSON
     * @throws JsonFields.MalformedException                when it is JSON but not this file; the message
     *                                                      names the field, never a value
     */
    static SecretFile parse(byte[] json) throws IOException {
        JsonFields f = JsonFields.parseObject(json);
        JsonFields kdf = f.object("kdf");
        JsonFields check = f.object("check");
        JsonFields entries = f.object("entries");
        return new SecretFile(f.string("format"), number(f, "version"), kdf == null ? null : kdfSpec(kdf),
                check == null ? null : sealed(check, "check"), entries == null ? null : entries(entries));
    }

    private static KdfSpec kdfSpec(JsonFields k) throws IOException {
        return new KdfSpec(k.string("algorithm"), number(k, "memoryKiB"), number(k, "iterations"),
                number(k, "parallelism"), k.string("salt"));
    }

    private static TreeMap<String, Sealed> entries(JsonFields entries) throws IOException {
        TreeMap<String, Sealed> out = new TreeMap<>();
        for (String name : entries.names()) {
            JsonFields entry = entries.object(name);
            if (entry == null) {
                throw new JsonFields.MalformedException("an entry is null");
            }
            out.put(name, sealed(entry, "an entry"));
        }
        return out;
    }

    private static Sealed sealed(JsonFields s, String what) throws IOException {
        String nonce = s.string("nonce");
        String ciphertext = s.string("ciphertext");
        if (nonce == null || ciphertext == null) {
            throw new JsonFields.MalformedException(what + " lacks its nonce or ciphertext");
        }
        return new Sealed(nonce, ciphertext, s.string("binding"));
    }

    /** An absent number is 0, as the parameter checks refuse it. */
    private static int number(JsonFields f, String name) throws IOException {
        Integer n = f.integer(name);
        return n == null ? 0 : n;
    }

    /** The file's text, indented. */
    byte[] toJson() {
        return JsonStreams.pretty(g -> {
            g.writeStartObject();
            g.writeStringField("format", format);
            g.writeNumberField("version", version);
            g.writeObjectFieldStart("kdf");
            g.writeStringField("algorithm", kdf.algorithm());
            g.writeNumberField("memoryKiB", kdf.memoryKiB());
            g.writeNumberField("iterations", kdf.iterations());
            g.writeNumberField("parallelism", kdf.parallelism());
            g.writeStringField("salt", kdf.salt());
            g.writeEndObject();
            g.writeFieldName("check");
            write(g, check);
            g.writeObjectFieldStart("entries");
            for (Map.Entry<String, Sealed> e : entries.entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void write(JsonGenerator g, Sealed s) throws IOException {
        g.writeStartObject();
        g.writeStringField("nonce", s.nonce());
        g.writeStringField("ciphertext", s.ciphertext());
        if (s.binding() != null) {
            g.writeStringField("binding", s.binding());
        }
        g.writeEndObject();
    }
}
