package dev.apikey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UsableKeyTest {
    static final Secret SECRET = Secret.of("ak_0123456789abcdef");

    static UsableKey key(String ref, String id, KeyUsage usage) {
        KeyRef r = KeyRef.parse(ref);
        KeyRecord record = id == null ? null : new KeyRecord(r, id, "keychain", KeyRecord.CREATED, Instant.EPOCH, null,
                null, null, null, null, List.of(), Map.of(), SECRET.hint(), List.of(), null);
        return new UsableKey(r, record, SECRET, record == null, usage, List.of(), null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Bearer {secret}   | Bearer ak_0123456789abcdef",
        "{secret}          | ak_0123456789abcdef",
        "Token token={secret} | Token token=ak_0123456789abcdef",
    })
    void rendersTheHeaderTemplate(String template, String expected) {
        UsableKey key = key("svc/k", "id-1", new KeyUsage("X-Api-Key", template, Map.of()));
        assertThat(key.headerValue().reveal()).isEqualTo(expected);
    }

    @Test
    void basicEncodesIdAndSecretAsRfc7617Says() {
        UsableKey key = key("twilio/k", "SK123", new KeyUsage("Authorization", "Basic {id}:{secret}", Map.of()));
        String value = key.headerValue().reveal();
        assertThat(value).startsWith("Basic ");
        assertThat(new String(Base64.getDecoder().decode(value.substring(6)), StandardCharsets.UTF_8))
                .isEqualTo("SK123:ak_0123456789abcdef");
    }

    @Test
    void anIdTheKeyDoesNotHaveIsAUsageErrorWithoutTheSecret() {
        UsableKey key = key("twilio/ci", null, new KeyUsage("Authorization", "Basic {id}:{secret}", Map.of()));
        assertThatThrownBy(key::headerValue).isInstanceOf(UsageException.class)
                .hasMessageContaining("needs the key's id").hasMessageNotContaining(SECRET.reveal());
    }

    @Test
    void derivesTheVariableFromTheKeyName() {
        Map<String, Secret> vars = key("local/my-svc.v2", "x", KeyUsage.BEARER).variables();
        assertThat(vars).containsOnlyKeys("MY_SVC_V2_API_KEY");
        assertThat(vars.get("MY_SVC_V2_API_KEY")).isEqualTo(SECRET);
    }

    @Test
    void rendersEveryVariableOfTheProvider() {
        KeyUsage usage = new KeyUsage("Authorization", "Basic {id}:{secret}",
                Map.of("TWILIO_API_KEY", "{id}", "TWILIO_API_SECRET", "{secret}"));
        Map<String, Secret> vars = key("twilio/k", "SK9", usage).variables();
        assertThat(vars.get("TWILIO_API_KEY").reveal()).isEqualTo("SK9");
        assertThat(vars.get("TWILIO_API_SECRET").reveal()).isEqualTo(SECRET.reveal());
    }

    @Test
    void furtherHeadersAndVariablesMayUseAnotherKeysSecret() {
        KeyUsage app = new KeyUsage("DD-APPLICATION-KEY", "{secret}",
                Map.of("DD_APP_KEY", "{secret}", "DD_API_KEY", "{key:datadog/api}"),
                Map.of("DD-API-KEY", "{key:datadog/api}"));
        assertThat(app.linkedKeys()).containsExactly("datadog/api");
        UsableKey api = key("datadog/api", "id-api", KeyUsage.BEARER);
        UsableKey plain = key("datadog/app", "id-app", app);
        Secret apiSecret = Secret.of("dd-api-0123456789");
        UsableKey withApi = new UsableKey(plain.ref(), plain.record(), plain.secret(), false, app, List.of(), null,
                Map.of("datadog/api", new UsableKey(api.ref(), api.record(), apiSecret, false, api.usage(), List.of(), null)));

        assertThat(withApi.headerValue().reveal()).isEqualTo(SECRET.reveal());
        assertThat(withApi.moreHeaders()).containsOnlyKeys("DD-API-KEY");
        assertThat(withApi.moreHeaders().get("DD-API-KEY").reveal()).isEqualTo(apiSecret.reveal());
        assertThat(withApi.variables().get("DD_API_KEY").reveal()).isEqualTo(apiSecret.reveal());
        assertThat(withApi.linkedSecrets()).containsExactly(apiSecret);
        // Without the other key, the header cannot be made: said, never sent half.
        assertThatThrownBy(plain::moreHeaders).isInstanceOf(UsageException.class).hasMessageContaining("needs the key datadog/api");
    }
}
