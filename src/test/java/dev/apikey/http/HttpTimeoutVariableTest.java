package dev.apikey.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apikey.core.UsageException;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.AlgoliaFake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    /**
     * The variable is read when a command first needs HTTP, as curl, gh or the AWS CLI read theirs: a command
     * that never calls out ({@code get}) is not stopped by it, and one that does stops before its first request,
     * so nothing is left half done.
     */
    @Test
    void aBadValueStopsACommandBeforeItsFirstRequestAndNoOtherCommand(@TempDir Path dir) {
        String admin = "algolia-admin-key-0123456789abcdef";
        try (AlgoliaFake fake = new AlgoliaFake(admin)) {
            CliRunner cli = new CliRunner(dir);
            String definition = Path.of("docs/examples/algolia.json").toAbsolutePath().toString();
            assertThat(cli.run("provider", "add", "alg", "--type", "http", "--file", definition,
                    "--base-url", fake.baseUrl(), "--param", "appId=" + AlgoliaFake.APP_ID).exit()).isZero();
            cli.env("APIKEY_ADMIN_ALG", admin);
            assertThat(cli.run("create", "alg/k", "--scope", "search").exit()).isZero();
            fake.clearRequests();

            cli.env("APIKEY_HTTP_TIMEOUT", "soon");
            Result rotate = cli.run("rotate", "alg/k");
            assertThat(rotate.exit()).as(rotate.toString()).isEqualTo(2);
            assertThat(rotate.err()).contains("APIKEY_HTTP_TIMEOUT must be a number of seconds or a duration");
            assertThat(fake.requests()).isEmpty();
            Result get = cli.run("get", "alg/k");
            assertThat(get.exit()).as(get.toString()).isZero();

            cli.env("APIKEY_HTTP_TIMEOUT", "90");
            Result again = cli.run("rotate", "alg/k");
            assertThat(again.exit()).as("no rotation was left unfinished: " + again).isZero();
        }
    }
}
