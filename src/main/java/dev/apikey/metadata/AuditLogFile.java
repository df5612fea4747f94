package dev.apikey.metadata;

import com.fasterxml.jackson.core.JsonParser;
import dev.apikey.core.AuditEvent;
import dev.apikey.core.AuditTrail;
import dev.apikey.core.CorruptFileException;
import dev.apikey.core.KeyRef;
import dev.apikey.core.Notices;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log, {@code audit.log}: one JSON object per line, appended with a single write so that
 * concurrent invocations interleave whole lines. Best-effort: a read-only directory gets a warning,
 * not a failed command.
 */
public final class AuditLogFile implements AuditTrail {
    private final Path path;
    private final Notices notices;

    public AuditLogFile(ConfigDirectory directory, Notices notices) {
        this.path = directory.auditLog();
        this.notices = notices;
    }

    @Override
    public void record(AuditEvent event) {
        try {
            byte[] line = withNewline(JsonStreams.compact(g -> MetadataJson.AUDIT_EVENT.write(g, event)));
            AtomicFile.ensureDirectory(path.getParent());
            if (AtomicFile.POSIX && !Files.exists(path)) {
                try {
                    Files.createFile(path, AtomicFile.fileAttributes());
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // created by a concurrent invocation
                }
            }
            if (Files.isSymbolicLink(path)) {
                notices.warn("did not write the audit log: " + path + " is a symbolic link, and apikey never writes"
                        + " through one; remove it (the next command starts a new log)");
                return;
            }
            // NOFOLLOW_LINKS: a link swapped in after the check is refused too (O_NOFOLLOW).
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        } catch (IOException | RuntimeException e) {
            notices.warn("could not write the audit log " + path + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] withNewline(byte[] json) {
        byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    @Override
    public List<AuditEvent> read(KeyRef ref) {
        List<AuditEvent> events = new ArrayList<>();
        String wanted = ref == null ? null : ref.toString();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(ConfigFiles.open(path), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                AuditEvent e;
                try (JsonParser p = JsonStreams.factory().createParser(line)) {
                    p.nextToken();
                    e = MetadataJson.AUDIT_EVENT.read(JsonFields.read(p));
                } catch (IOException ex) {
                    throw new CorruptFileException(path, "line " + n + " is not a JSON object");
                }
                if (wanted == null || wanted.equals(e.ref())) {
                    events.add(e);
                }
            }
        } catch (NoSuchFileException e) {
            return events;
        } catch (IOException e) {
            throw new dev.apikey.core.ApikeyException("cannot read " + path + ": " + AtomicFile.describe(e), null, e);
        }
        return events;
    }
}
