package dev.apikey.provider.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.core.UsageException;
import dev.apikey.metadata.Json;
import dev.apikey.core.Provider;
import dev.apikey.testing.ProviderHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A base URL that names provider parameters ({@code https://{param.appId}.example.com}), and one for usage only. */
class TemplatedBaseUrlTest {
    private static JsonNode definition(String baseUrl, String usageBaseUrl) throws Exception {
        return Json.mapper().readTree("""
                {"baseUrl": "%s",
                 "auth": {"headers": {"X-Admin": "{credential}"}},
                 "usage": {"header": "X-Key", "value": "{secret}"%s},
                 "operations": {
                   "create": {"method": "POST", "path": "/keys", "response": {"id": "/id", "secret": "/key"}},
                   "revoke": {"method": "DELETE", "path": "/keys/{id}"}}}
                """.formatted(baseUrl, usageBaseUrl == null ? "" : ", \"baseUrl\": \"" + usageBaseUrl + "\""));
    }

    @Test
    void theParametersAreFilledIn() throws Exception {
        JsonNode def = definition("https://{param.appId}-dsn.algolia.net/{param.version ?? '1'}", null);
        assertThat(DefinitionReader.check(def)).isEmpty();
        Provider p = ProviderHarness.open("http", null, "admin", Map.of("appId", "LATENCY"), def);
        assertThat(p.baseUrl()).isEqualTo("https://LATENCY-dsn.algolia.net/1");
        assertThat(p.boundOrigins()).containsExactly("https://latency-dsn.algolia.net");
    }

    @Test
    void aParameterCannotMoveTheHost() throws Exception {
        JsonNode def = definition("https://{param.appId}.example.com", null);
        for (String hostile : new String[] {"evil.com/", "evil.com#", "a@evil.com", "evil.com:443", "x y"}) {
            assertThatThrownBy(() -> ProviderHarness.open("http", null, "admin", Map.of("appId", hostile), def))
                    .as(hostile).isInstanceOf(UsageException.class).hasMessageContaining("goes into its base URL");
        }
        assertThatThrownBy(() -> ProviderHarness.open("http", null, "admin", Map.of(), def))
                .isInstanceOf(UsageException.class).hasMessageContaining("needs --param appId=VALUE");
    }

    @Test
    void aWholeUrlFromAParameterMustStillBeSecure() throws Exception {
        JsonNode def = definition("https://iam.example.com", "{param.apiUrl ?? 'https://api.example.com'}");
        assertThat(ProviderHarness.open("http", null, "admin", Map.of(), def).usageBaseUrl()).isEqualTo("https://api.example.com");
        Provider edge = ProviderHarness.open("http", null, "admin", Map.of("apiUrl", "https://api.edge.example.com"), def);
        assertThat(edge.boundOrigins()).containsExactly("https://api.edge.example.com");
        assertThat(edge.baseUrl()).isEqualTo("https://iam.example.com");
        assertThatThrownBy(() -> ProviderHarness.open("http", null, "admin", Map.of("apiUrl", "http://api.example.com"), def))
                .isInstanceOf(UsageException.class).hasMessageContaining("must be https");
    }
}
