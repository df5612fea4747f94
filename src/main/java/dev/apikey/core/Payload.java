package dev.apikey.core;

import java.io.InputStream;
import java.nio.file.Path;

/** A request body. {@link #contentType()} is the default; an explicit {@code -H 'Content-Type: …'} wins. */
public sealed interface Payload {
    String JSON = "application/json; charset=utf-8";
    /** What curl sends {@code -d} data as, when it does not look like JSON. */
    String FORM = "application/x-www-form-urlencoded";

    String contentType();

    /** Data in memory: {@code -d DATA} or the JSON built from {@code -f}/{@code -F}. */
    record Bytes(byte[] data, String contentType) implements Payload {
    }

    /** {@code -d @FILE}: streamed from the file, and sent again as is after a 307/308 redirect. */
    record FromFile(Path file, String contentType) implements Payload {
    }

    /** {@code -d @-}: streamed from stdin, so it can be sent once only. */
    record FromStream(InputStream in, String contentType) implements Payload {
    }

    /** A stream read to its end, for a signature that covers the body's hash (aws keys). */
    static Bytes readAll(FromStream stream) {
        try {
            return new Bytes(stream.in().readAllBytes(), stream.contentType());
        } catch (java.io.IOException e) {
            throw new UsageException("cannot read standard input for -d @- (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The exact bytes a body sends, for signing it; empty for none. A stream must have been read with {@link #readAll}. */
    static byte[] bytesOf(Payload body) {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof Bytes b) {
            return b.data();
        }
        if (body instanceof FromFile f) {
            try {
                return java.nio.file.Files.readAllBytes(f.file());
            } catch (java.io.IOException e) {
                throw new UsageException("cannot read " + f.file() + " for -d (" + e.getClass().getSimpleName() + ")");
            }
        }
        throw new IllegalStateException("a streamed body cannot be signed before it is read");
    }

    /** JSON when the data starts (after white space) with '{' or '[', else curl's form encoding. */
    public static String sniff(byte[] head, int length) {
        for (int i = 0; i < length; i++) {
            byte b = head[i];
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{' || b == '[' ? JSON : FORM;
        }
        return FORM;
    }
}
