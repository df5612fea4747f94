package dev.apikey.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apikey.core.UsageException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code APIKEY_HTTP_TIMEOUT} sets the whole call's limit (SPEC §8); a value that is none is a usage error. */
class HttpTimeoutVariableTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"90, PT1M30S, PT2M", "3m, PT3M, PT3M", "1, PT1S, PT2M"})
    void aNumberOfSecondsOrADurationSetsTheCallTimeoutAndTheBudgetIsAtLeastTwoMinutes(String value, Duration call,
                                                                                     Duration operation) {
        HttpClients.Settings s = HttpClients.Settings.DEFAULT.withTimeoutFrom(Map.of("APIKEY_HTTP_TIMEOUT", value));
        assertThat(s.callTimeout()).isEqualTo(call);
        assertThat(s.operationTimeout()).isEqualTo(operation);
        assertThat(s.connectTimeout()).isLessThanOrEqualTo(call);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"abc", "0", "-5", "1.5", "9999999"})
    void anythingElseIsAUsageErrorNamingTheVariable(String value) {
        assertThatThrownBy(() -> HttpClients.Settings.DEFAULT.withTimeoutFrom(Map.of("APIKEY_HTTP_TIMEOUT", value)))
                .isInstanceOf(UsageException.class).hasMessageContaining("APIKEY_HTTP_TIMEOUT");
    }
}
