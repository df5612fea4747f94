package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.core.ApikeyException;
import dev.apikey.core.ProviderUnavailableException;
import dev.apikey.core.Redactor;
import dev.apikey.core.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * For random secrets and random failures whose messages, hints and causes embed them, nothing the
 * error reporter prints contains a secret the invocation knows — with or without {@code --verbose} —
 * and no line carries a control character.
 */
class ErrorReporterPropertyTest {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~+/=:@ ";
    private static final int TRIALS = 2000;

    @Test
    void noOutputContainsAKnownSecret() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int trial = 0; trial < TRIALS; trial++) {
            Redactor redactor = new Redactor();
            List<String> secrets = new ArrayList<>();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                String secret = randomText(random, 6 + random.nextInt(58));
                if (secret.isBlank()) {
                    continue;
                }
                secrets.add(secret);
                redactor.register(Secret.of(secret));
            }
            Throwable failure = failure(random, secrets);
            boolean verbose = random.nextBoolean();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

            ErrorReporter.report(null, failure, err, redactor, verbose);

            String out = bytes.toString(StandardCharsets.UTF_8);
            for (String secret : secrets) {
                assertThat(out).as("seed %d, trial %d, secret '%s'", seed, trial, secret).doesNotContain(secret);
            }
            assertThat(out.lines()).as("seed %d, trial %d", seed, trial)
                    .allSatisfy(line -> assertThat(line.replace("\t", "")).doesNotContainPattern("\\p{Cntrl}"));
        }
    }

    private static Throwable failure(Random random, List<String> secrets) {
        String message = embed(random, secrets);
        Throwable cause = random.nextBoolean() ? new IllegalStateException(embed(random, secrets)) : null;
        return switch (random.nextInt(3)) {
            case 0 -> new ApikeyException(message, random.nextBoolean() ? embed(random, secrets) : null, cause);
            case 1 -> new ProviderUnavailableException(message, embed(random, secrets), cause);
            default -> new RuntimeException(message, cause);
        };
    }

    /** Random words, control characters and the secrets, in random order and number. */
    private static String embed(Random random, List<String> secrets) {
        StringBuilder b = new StringBuilder();
        for (int parts = 1 + random.nextInt(6); parts > 0; parts--) {
            switch (random.nextInt(4)) {
                case 0 -> b.append(secrets.isEmpty() ? "" : secrets.get(random.nextInt(secrets.size())));
                case 1 -> b.append((char) random.nextInt(0x20)); // a control character, e.g. from a provider
                default -> b.append(randomText(random, random.nextInt(12)));
            }
        }
        return b.toString();
    }

    private static String randomText(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
