package dev.apikey.cli.shell;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The shell's history, kept in the config directory, that never records a line which may hold a
 * secret. apikey takes no secret on its command line, so such a line is a mistake (a secret pasted
 * at the prompt instead of at the masked one, an auth header for {@code request}) and is left out
 * of the history file, and of the history in memory too.
 */
final class SecretFreeHistory extends DefaultHistory {
    /** Headers and variables whose value is a credential. */
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(
            "(?i).*(authorization|token|secret|password|passwd|cookie|api[-_]?key|x-.*-key|passphrase|apikey_admin_).*");
    /** A token-like word: long, mixed case and digits, no path or URL separators. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-+=.~]{20,}");
    private static final Pattern KNOWN_PREFIX = Pattern.compile("sk-|ak_|ghp_|gho_|ghs_|github_pat_|glpat-|xox[abpr]-|SG\\.");

    @Override
    public void add(Instant time, String line) {
        if (mayRecord(line)) {
            super.add(time, line);
        }
    }

    static boolean mayRecord(String line) {
        List<String> words = List.of(line.trim().split("\\s+"));
        for (int i = 0; i < words.size(); i++) {
            String word = unquote(words.get(i));
            if ((word.equals("-H") || word.equals("--header")) && i + 1 < words.size()) {
                String header = unquote(words.get(i + 1));
                if (CREDENTIAL_NAME.matcher(header.split(":", 2)[0]).matches()) {
                    return false;
                }
            }
            int eq = word.indexOf('=');
            if (eq > 0 && CREDENTIAL_NAME.matcher(word.substring(0, eq)).matches()) {
                return false; // APIKEY_PASSPHRASE=…, --param password=…
            }
            for (String part : word.split("[=:]")) {
                if (looksLikeAToken(part)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Random-looking: known key prefixes, all of upper case, lower case and digits (most API keys),
     * upper case and digits (AWS), or long and digit-heavy (hex keys) — but not the lower-case words
     * with the odd number that key names are made of.
     */
    static boolean looksLikeAToken(String s) {
        if (!TOKEN.matcher(s).matches()) {
            return false;
        }
        if (KNOWN_PREFIX.matcher(s).lookingAt()) {
            return true;
        }
        boolean upper = !s.equals(s.toLowerCase(Locale.ROOT));
        boolean lower = !s.equals(s.toUpperCase(Locale.ROOT));
        long digits = s.chars().filter(Character::isDigit).count();
        if (upper && lower && digits > 0 || upper && !lower && digits > 0) {
            return true;
        }
        return s.length() >= 32 && digits * 4 >= s.length();
    }

    private static String unquote(String s) {
        return s.replaceAll("^['\"]|['\"]$", "");
    }
}
