package dev.apikey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesAndDurationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"local/demo", "openai/ci-bot", "gitlab-work/deploy.v2", "a/b", "A9/x_y"})
    void validRefsParse(String text) {
        assertThat(KeyRef.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "/demo", "local/", "local/a/b", "-x/demo", "local/.hidden", "local/has space",
        "local/ünïcode", "local/" + "x123456789x123456789x123456789x123456789x123456789x123456789x1234"})
    void invalidRefsAreUsageErrorsNamingTheRule(String text) {
        assertThatThrownBy(() -> KeyRef.parse(text))
                .isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(e.getMessage() + " " + ((UsageException) e).hint())
                        .containsAnyOf(Names.RULE, "PROVIDER/NAME"));
    }

    @ParameterizedTest
    @CsvSource({"openai/ci-bot, APIKEY_SECRET_OPENAI_CI_BOT", "local/my.svc, APIKEY_SECRET_LOCAL_MY_SVC",
        "gitlab-work/Deploy_1, APIKEY_SECRET_GITLAB_WORK_DEPLOY_1"})
    void overrideVariables(String ref, String variable) {
        assertThat(KeyRef.parse(ref).overrideVariable()).isEqualTo(variable);
    }

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "15m, PT15M", "24h, PT24H", "7d, P7D", "2w, P14D", "P90D, P90D", "PT36H, PT36H", "P2W, P14D"})
    void durations(String text, String expected) {
        Duration expectedDuration = expected.contains("T") ? Duration.parse(expected)
                : Duration.ofDays(Long.parseLong(expected.replaceAll("\\D", "")));
        assertThat(Durations.parse(text)).isEqualTo(expectedDuration);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3q", "-5d", "0s", "P1M", "P1Y", "tomorrow", "5 d"})
    void badDurationsAreUsageErrors(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(UsageException.class);
    }

    @ParameterizedTest
    @CsvSource({"90d, 2026-04-15T10:00:00Z", "2027-01-31, 2027-01-31T00:00:00Z", "2026-02-01T12:00:00Z, 2026-02-01T12:00:00Z"})
    void expiries(String text, String expected) {
        Instant now = Instant.parse("2026-01-15T10:00:00Z");
        assertThat(Durations.parseExpiry(text, now)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020-01-01", "2026-13-40", "2026-01-15T09:00:00Z"})
    void pastOrImpossibleExpiriesAreUsageErrors(String text) {
        assertThatThrownBy(() -> Durations.parseExpiry(text, Instant.parse("2026-01-15T10:00:00Z")))
                .isInstanceOf(UsageException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "ak_0123456789ABCDEFGHIJabcdefghij, ak_…ghij",
        "sk-proj-abcdefghijklmnopqrstuvwxyz, sk-…wxyz",
        "sk_KCSECRET_0123456789abcdef, sk_…cdef",
        "glpat-xxxxxxxxxxxxxxxxxxxx, glpat-…xxxx",
        "0123456789abcdef0123, …0123",
        "short-secret, …",
    })
    void hintsShowAPublicPrefixAndTheLastFourOnly(String secret, String hint) {
        assertThat(Secret.of(secret).hint()).isEqualTo(hint);
    }

    @org.junit.jupiter.api.Test
    void aSecretNeverPrintsItself() {
        Secret s = Secret.of("sk-very-secret-value-123456");
        assertThat(s.toString()).doesNotContain("very").isEqualTo("Secret[redacted]");
        assertThat(String.valueOf(java.util.List.of(s))).doesNotContain("very");
    }
}
