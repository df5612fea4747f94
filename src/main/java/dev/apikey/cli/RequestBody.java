package dev.apikey.cli;

import dev.apikey.core.Names;
import dev.apikey.core.Payload;
import dev.apikey.core.SendRequest;
import dev.apikey.core.UsageException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code request}'s body as the command line gives it: {@code -d DATA|@FILE|@-} and gh-api style
 * {@code -f}/{@code -F} fields. Files and standard input are read only when the request asks.
 */
final class RequestBody implements SendRequest.Body {
    private static final int SNIFF_BYTES = 64;

    private final String data;
    private final List<String> rawFields;
    private final List<String> typedFields;
    private final Supplier<InputStream> stdin;

    /**
     * @param data  {@code DATA}, {@code @FILE} or {@code @-}, or null
     * @param stdin standard input, read at most once
     */
    RequestBody(String data, List<String> rawFields, List<String> typedFields, Supplier<InputStream> stdin) {
        this.data = data;
        this.rawFields = rawFields;
        this.typedFields = typedFields;
        this.stdin = stdin;
    }

    @Override
    public SendRequest.Fields fields() {
        long stdinReaders = typedFields.stream().filter(f -> f.endsWith("=@-")).count() + ("@-".equals(data) ? 1 : 0);
        if (stdinReaders > 1) {
            throw new UsageException("standard input can be read only once, and " + stdinReaders + " options ask for it",
                    "put the other values in files: -d @FILE, -F KEY=@FILE");
        }
        if (rawFields.isEmpty() && typedFields.isEmpty()) {
            return SendRequest.Fields.NONE; // and the JSON tree classes stay unloaded
        }
        return RequestFields.parse(rawFields, typedFields, stdin);
    }

    @Override
    public boolean hasData() {
        return data != null;
    }

    /** {@code -d}: inline data, {@code @FILE} or {@code @-}, typed JSON when it looks like JSON. */
    @Override
    public Payload data() {
        if (data.equals("@-")) {
            BufferedInputStream in = new BufferedInputStream(stdin.get());
            try {
                in.mark(SNIFF_BYTES);
                byte[] head = in.readNBytes(SNIFF_BYTES);
                in.reset();
                return new Payload.FromStream(in, Payload.sniff(head, head.length));
            } catch (IOException e) {
                throw new UsageException("cannot read standard input for -d @- (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (data.startsWith("@")) {
            Path file;
            try {
                file = Path.of(data.substring(1));
            } catch (java.nio.file.InvalidPathException e) {
                throw new UsageException("invalid file name in -d " + Names.printable(data));
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] head = in.readNBytes(SNIFF_BYTES);
                return new Payload.FromFile(file, Payload.sniff(head, head.length));
            } catch (IOException e) {
                throw new UsageException("cannot read " + file + " for -d (" + e.getClass().getSimpleName() + ")",
                        "check the file name; -d @FILE sends the file, -d @- standard input");
            }
        }
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        return new Payload.Bytes(bytes, Payload.sniff(bytes, bytes.length));
    }
}
