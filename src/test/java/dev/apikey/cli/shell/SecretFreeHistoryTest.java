package dev.apikey.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretFreeHistoryTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "list",
        "create local/payments-service-2024-prod --expires 90d --description 'CI pipeline'",
        "get openai/ci-bot",
        "rotate --older-than 90d --grace 1h",
        "request local/svc -X POST https://api.mine.dev/v1/items -H 'Accept: application/json'",
        "provider add gitlab-work --type gitlab --base-url https://gitlab.example.com",
        "log local/verylongkeynamewithoutanydigits",
    })
    void ordinaryCommandsAreRecorded(String line) {
        assertThat(SecretFreeHistory.mayRecord(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ak_5cJtcI2K415md1cSvsLeQ0GZ2UNULogPv8UdyAmvgv6",
        "import local/x ak_ThisIsPastedSecret1234567890",
        "request openai/ci -H 'Authorization: Bearer sk-abc' /v1/models",
        "request svc --header x-api-key:whatever /items",
        "exec local/a --env APIKEY_PASSPHRASE=hunter2 -- env",
        "create npm/ci --param password=hunter2",
        "get AKIAIOSFODNN7EXAMPLE1",
        "import datadog/k 0123456789abcdef0123456789abcdef",
        "create gitlab/x --description glpat-xxxxxxxxxxxxxxxxxxxx",
    })
    void linesThatMayHoldASecretAreNot(String line) {
        assertThat(SecretFreeHistory.mayRecord(line)).isFalse();
    }

    @Test
    void leftOutOfTheHistoryInMemoryToo() {
        SecretFreeHistory history = new SecretFreeHistory();
        history.add(Instant.EPOCH, "list");
        history.add(Instant.EPOCH, "sk-proj-Abc123Def456Ghi789Jkl012");
        assertThat(history.size()).isEqualTo(1);
        assertThat(history.get(0)).isEqualTo("list");
    }
}
