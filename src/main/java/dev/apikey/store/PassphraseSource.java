package dev.apikey.store;

import dev.apikey.core.CancelledException;
import dev.apikey.core.SecretStoreException;
import dev.apikey.core.UserPrompts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Where the encrypted file store's passphrase comes from: {@code APIKEY_PASSPHRASE}, else the file
 * named by {@code APIKEY_PASSPHRASE_FILE}, else a masked prompt on a terminal. Without any of them
 * the store cannot be opened, and the error says how to supply one.
 */
public final class PassphraseSource {
    static final String HINT = "set APIKEY_PASSPHRASE or APIKEY_PASSPHRASE_FILE, or run on a terminal to be asked";

    private final Map<String, String> environment;
    private final UserPrompts prompts;
    private final dev.apikey.core.Notices notices;

    public PassphraseSource(Map<String, String> environment, UserPrompts prompts) {
        this(environment, prompts, dev.apikey.core.Notices.SILENT);
    }

    /** @param notices where a warning goes about a passphrase file others can read */
    public PassphraseSource(Map<String, String> environment, UserPrompts prompts, dev.apikey.core.Notices notices) {
        this.environment = environment;
        this.prompts = prompts;
        this.notices = notices;
    }

    /** Whether the passphrase is given by the environment, which then wins over an unlocked agent. */
    boolean fromEnvironment() {
        return nonEmpty("APIKEY_PASSPHRASE") || nonEmpty("APIKEY_PASSPHRASE_FILE");
    }

    private boolean nonEmpty(String variable) {
        String value = environment.get(variable);
        return value != null && !value.isEmpty();
    }

    /** A passphrase file group or others can read is used, with a warning (as ssh does for keys, minus the refusal). */
    private void warnIfOthersCanRead(Path file) {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
                    || mode.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
                notices.warn("the passphrase file " + file + " is readable by others ("
                        + java.nio.file.attribute.PosixFilePermissions.toString(mode) + "); run 'chmod 600 " + file + "'");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system, or unreadable: reading it below reports what matters
        }
    }

    /** The passphrase; when {@code creating} and asked on a terminal, it is asked twice. */
    char[] passphrase(Path store, boolean creating) {
        String direct = environment.get("APIKEY_PASSPHRASE");
        if (direct != null && !direct.isEmpty()) {
            return direct.toCharArray();
        }
        String file = environment.get("APIKEY_PASSPHRASE_FILE");
        if (file != null && !file.isEmpty()) {
            return fromFile(Path.of(file));
        }
        if (!prompts.available()) {
            throw new SecretStoreException("the encrypted secret store " + store + " needs a passphrase", HINT);
        }
        if (!creating) {
            return prompts.secret("Passphrase for " + store + ": ");
        }
        char[] first = prompts.secret("New passphrase for " + store + ": ");
        if (first.length == 0) {
            throw new CancelledException("no passphrase given");
        }
        char[] second = prompts.secret("Repeat the passphrase: ");
        if (!Arrays.equals(first, second)) {
            Arrays.fill(second, '\0');
            Arrays.fill(first, '\0');
            throw new SecretStoreException("the passphrases did not match", "run the command again");
        }
        Arrays.fill(second, '\0');
        return first;
    }

    private char[] fromFile(Path file) {
        warnIfOthersCanRead(file);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.length();
            while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
                end--;
            }
            if (end == 0) {
                throw new SecretStoreException("the passphrase file " + file + " is empty", HINT);
            }
            return text.substring(0, end).toCharArray();
        } catch (IOException e) {
            throw new SecretStoreException("cannot read the passphrase file " + file + ": "
                    + e.getClass().getSimpleName(), HINT, e);
        }
    }
}
