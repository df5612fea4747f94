package dev.apikey.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * KeyRef and Origin write out the equals and hashCode a record would generate (for start-up: see KeyRef): equal
 * exactly when every component is, in sets and maps alike.
 */
class ValueEqualityTest {
    @Test
    void keyRefsAreEqualExactlyWhenProviderAndNameAre() {
        KeyRef ref = KeyRef.parse("openai/ci-bot");
        assertThat(ref).isEqualTo(new KeyRef("openai", "ci-bot")).hasSameHashCodeAs(new KeyRef("openai", "ci-bot"));
        assertThat(ref).isNotEqualTo(KeyRef.parse("openai/ci-bot2")).isNotEqualTo(KeyRef.parse("openai2/ci-bot"))
                .isNotEqualTo(KeyRef.parse("ci-bot/openai")).isNotEqualTo("openai/ci-bot").isNotEqualTo(null);
        assertThat(Set.of(ref, KeyRef.parse("local/ci-bot"))).contains(KeyRef.parse("openai/ci-bot"))
                .doesNotContain(KeyRef.parse("gitlab/ci-bot"));
    }

    @Test
    void originsAreEqualExactlyWhenSchemeHostAndPortAre() {
        Origin origin = Origin.parse("https://api.example.com/v1");
        assertThat(origin).isEqualTo(Origin.parse("HTTPS://API.example.com:443/other"))
                .hasSameHashCodeAs(new Origin("https", "api.example.com", 443));
        assertThat(origin).isNotEqualTo(Origin.parse("http://api.example.com:443"))
                .isNotEqualTo(Origin.parse("https://api.example.com:8443"))
                .isNotEqualTo(Origin.parse("https://api.example.org")).isNotEqualTo(origin.toString()).isNotEqualTo(null);
        assertThat(Set.of(origin, Origin.parse("http://127.0.0.1:8080"))).contains(new Origin("http", "127.0.0.1", 8080))
                .doesNotContain(new Origin("http", "127.0.0.1", 8081));
    }
}
