package dev.apikey.provider.declarative;

import dev.apikey.BuiltIns;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.provider.ProviderType;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every built-in written as a definition is a valid definition, in every variant. */
class BuiltInDefinitionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"cloudflare", "gitlab", "openai", "datadog", "sendgrid", "twilio", "npm", "linode", "heroku"})
    void isValid(String name) {
        ProviderType type = BuiltIns.providerTypes().find(name).orElseThrow();
        DeclaredProviderType declared = (DeclaredProviderType) type;
        assertThat(DefinitionReader.check(declared.definition())).as(name).isEmpty();
        assertThat(DefinitionReader.read(declared.definition(), Map.of(), name).create()).isNotNull();
        assertThat(type.defaultBaseUrl()).startsWith("https://");
    }

    /** Anthropic's Admin API cannot make keys: its definition has no create, and is valid without one. */
    @org.junit.jupiter.api.Test
    void anthropicHasNoCreate() {
        DeclaredProviderType declared = (DeclaredProviderType) BuiltIns.providerTypes().find("anthropic").orElseThrow();
        assertThat(DefinitionReader.check(declared.definition())).isEmpty();
        Definition d = DefinitionReader.read(declared.definition(), Map.of(), "anthropic");
        assertThat(d.create()).isNull();
        assertThat(d.revoke()).isNotNull();
        assertThat(d.list()).isNotNull();
    }
}
