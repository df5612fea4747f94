package dev.apikey.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.core.Redactor;
import dev.apikey.core.Secret;
import org.junit.jupiter.api.Test;

/** A provider's error message as a user sees it: one line, bounded, and never a known secret or part of one. */
class ProviderMessagesTest {
    private static final String SECRET = "sk_live_0123456789abcdefghijklmnopqrstuv";

    @Test
    void aKnownSecretCutByTheLengthLimitShowsNoPartOfIt() {
        Redactor redactor = new Redactor();
        redactor.register(Secret.of(SECRET));
        // Where the cut falls within the secret, as written: 290 characters, then the secret, then more.
        String message = "x".repeat(ProviderMessages.MAX_LENGTH - 10) + " " + SECRET + " and more".repeat(5);

        String shown = ProviderMessages.clean(message, redactor);

        assertThat(shown).doesNotContain(SECRET.substring(0, 8)).endsWith("…");
        assertThat(shown.length()).isLessThanOrEqualTo(ProviderMessages.MAX_LENGTH + 1);
    }

    @Test
    void controlCharactersAndRunsOfSpaceBecomeOneSpace() {
        assertThat(ProviderMessages.clean("  bad\n\u001b[2J  token\t\r", new Redactor())).isEqualTo("bad [2J token");
    }
}
