package dev.apikey.target;

import dev.apikey.core.ApikeyException;
import dev.apikey.core.Destination;
import dev.apikey.core.NotFoundException;
import dev.apikey.core.Secret;
import dev.apikey.core.UsageException;
import dev.apikey.metadata.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code dotenv:PATH}: a {@code NAME=value} line in a file on this machine. The file is replaced
 * atomically (owner-only, 0600) with every other line and comment kept as it was; an existing
 * {@code export NAME=} line keeps its {@code export}.
 *
 * <p>The value is quoted so that both kinds of reader get it back unchanged: dotenv libraries
 * (python-dotenv, Node's dotenv, docker compose) and a POSIX shell ({@code set -a; . FILE}). Single
 * quotes are literal to both; a value with a single quote or backslash goes in double quotes with
 * {@code \} and {@code "} escaped. What no quoting can carry to both — a single quote or backslash
 * together with {@code $} or a backquote, or {@code ${}, which dotenv readers expand even in single
 * quotes — is refused rather than written in a form one of them misreads.
 */
final class DotenvFile implements Destination {
    static final String PREFIX = "dotenv:";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Path path;
    private final Supplier<AutoCloseable> lock;

    /** @param lock serialises writers of this machine (two keys' targets in one file) */
    DotenvFile(Path path, Supplier<AutoCloseable> lock) {
        this.path = path.toAbsolutePath().normalize();
        this.lock = lock;
    }

    @Override
    public String describe() {
        return PREFIX + path;
    }

    @Override
    public void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new UsageException("'" + name + "' cannot be a variable in a dotenv file",
                    "a letter or '_', then letters, digits or '_'");
        }
    }

    @Override
    public void write(String name, Secret secret) {
        checkName(name);
        String line = name + "=" + quoted(secret.reveal());
        Path dir = path.getParent();
        if (!Files.isDirectory(dir)) {
            throw new NotFoundException("the directory of " + path + " does not exist", "create it, or change the target");
        }
        try (AutoCloseable held = lock.get()) {
            Path real = Files.isSymbolicLink(path) ? path.toRealPath() : path;
            List<String> lines = read(real);
            AtomicFile.write(real, String.join("", withLine(lines, name, line)).getBytes(StandardCharsets.UTF_8));
        } catch (ApikeyException e) {
            throw e;
        } catch (Exception e) {
            throw new ApikeyException("cannot write " + path + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), null, e);
        }
    }

    /** The lines of the file, each with its own line ending, so unchanged lines are written back byte for byte. */
    private static List<String> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** The file with the variable's first definition replaced (later ones, which would win, dropped), or appended. */
    static List<String> withLine(List<String> lines, String name, String line) {
        Pattern defines = Pattern.compile("^\\s*(export\\s+)?" + Pattern.quote(name) + "\\s*=.*", Pattern.DOTALL);
        List<String> out = new ArrayList<>();
        boolean placed = false;
        for (String l : lines) {
            var m = defines.matcher(l);
            if (!m.matches()) {
                out.add(l);
                continue;
            }
            if (!placed) {
                String ending = l.endsWith("\r\n") ? "\r\n" : l.endsWith("\n") ? "\n" : "\n";
                out.add((m.group(1) != null ? "export " : "") + line + ending);
                placed = true;
            }
        }
        if (!placed) {
            if (!out.isEmpty() && !out.get(out.size() - 1).endsWith("\n")) {
                out.set(out.size() - 1, out.get(out.size() - 1) + "\n");
            }
            out.add(line + "\n");
        }
        return out;
    }

    /** The value as both dotenv readers and {@code sh} read it back unchanged (see the class comment). */
    static String quoted(String value) {
        if (value.contains("${")) {
            throw unrepresentable("'${', which dotenv readers expand");
        }
        if (value.indexOf('\'') < 0 && value.indexOf('\\') < 0) {
            return "'" + value + "'";
        }
        if (value.indexOf('$') < 0 && value.indexOf('`') < 0) {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        throw unrepresentable("a quote or backslash together with '$' or '`'");
    }

    private static UsageException unrepresentable(String what) {
        return new UsageException("the secret contains " + what + ": no dotenv quoting reads back the same in "
                + "dotenv libraries and in sh", "deliver this key another way (apikey exec), or rotate it");
    }
}
