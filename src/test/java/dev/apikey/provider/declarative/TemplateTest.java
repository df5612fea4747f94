package dev.apikey.provider.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.core.Secret;
import dev.apikey.core.UsageException;
import dev.apikey.metadata.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateTest {
    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    private static Scope scope() {
        Map<String, Secret> credential = Map.of("", Secret.of("user:pass"), "user", Secret.of("user"));
        return Scope.of(Map.of("region", "eu", "level", "30"), credential::get, name -> null, NOW)
                .withKeyParams(Map.of("policies", "[{\"effect\":\"allow\"}]", "region", "us", "cidr", "10.0.0.0/8, 1.2.3.4/32"))
                .with("name", "ci-bot")
                .with("scopes", List.of("api", "read_repository"))
                .with("expiresAt", Instant.parse("2026-04-15T10:00:00.250Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', textBlock = """
            {name}                                 ¦ "ci-bot"
            key-{name}                             ¦ "key-ci-bot"
            {scopes}                               ¦ ["api","read_repository"]
            {scopes|csv}                           ¦ "api,read_repository"
            scopes={scopes}                        ¦ "scopes=api,read_repository"
            {expiresAt|date}                       ¦ "2026-04-15"
            {expiresAt|iso}                        ¦ "2026-04-15T10:00:00Z"
            {expiresAt|epoch}                      ¦ 1776247200
            {expiresAt|secondsFromNow}             ¦ 7776001
            {expiresAt|daysFromNow}                ¦ 91
            {param.policies|json}                  ¦ [{"effect":"allow"}]
            {param.region}                         ¦ "us"
            {param.level|int}                      ¦ 30
            {param.cidr|list}                      ¦ ["10.0.0.0/8","1.2.3.4/32"]
            {param.missing ?? param.region}        ¦ "us"
            {param.missing ?? 'fallback'}          ¦ "fallback"
            {param.missing|bool ?? 'false'|bool}   ¦ false
            {param.missing ?? '[]'|json}           ¦ []
            Basic {credential|base64}              ¦ "Basic dXNlcjpwYXNz"
            {credential.user}                      ¦ "user"
            {{literal}} {name}                     ¦ "{literal} ci-bot"
            """)
    void renders(String template, String expected) throws Exception {
        JsonNode out = Renderer.fill(JsonTemplate.of(Json.mapper().getNodeFactory().textNode(template)), scope());
        assertThat(out.toString()).isEqualTo(Json.mapper().readTree(expected).toString());
    }

    @Test
    void aMissingValueLeavesTheMemberOut() throws Exception {
        JsonNode template = Json.mapper().readTree("""
                {"name": "{name}", "note": "{description}", "expires": "in {expiresAt|date}", "tag": "x-{param.tag}",
                 "list": ["{param.none}", "{name}"], "nested": {"gone": "{param.none}"}}""");
        assertThat(Renderer.fill(JsonTemplate.of(template), scope()).toString())
                .isEqualTo("{\"name\":\"ci-bot\",\"expires\":\"in 2026-04-15\",\"list\":[\"ci-bot\"],\"nested\":{}}");
    }

    @Test
    void theSecretsARenderingUsedAreRemembered() {
        Scope s = scope();
        Renderer.text(Template.parse("Basic {credential|base64}"), s);
        assertThat(s.secretsUsed()).containsExactly("user:pass");
    }

    @Test
    void badValuesAreUsageErrorsNamingTheParameter() {
        Scope s = scope().withKeyParams(Map.of("level", "high", "policies", "{not json"));
        assertThatThrownBy(() -> Renderer.text(Template.parse("{param.level|int}"), s)).isInstanceOf(UsageException.class)
                .hasMessage("--param level must be a whole number");
        assertThatThrownBy(() -> Renderer.text(Template.parse("{param.policies|json}"), s)).isInstanceOf(UsageException.class)
                .hasMessage("--param policies must be JSON");
    }

    @Test
    void pathValuesAreOneEncodedSegment() {
        Scope s = scope().withKeyParams(Map.of("project", "group/sub project?x"));
        assertThat(Paths.render(Template.parse("/projects/{param.project}/tokens"), s))
                .isEqualTo("/projects/group%2Fsub%20project%3Fx/tokens");
        assertThat(Paths.render(Template.parse("/users/{param.user}/tokens"), s)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '¦', textBlock = """
            {name                ¦ unclosed '{' at character 1
            name}                ¦ unexpected '}' at character 5
            {}                   ¦ empty placeholder at character 1
            {a ?? }              ¦ empty placeholder at character 1
            {'open}              ¦ unterminated quoted text
            {na me}              ¦ 'na me' is not a value name
            {name|}              ¦ empty filter
            """)
    void syntaxErrors(String template, String message) {
        assertThatThrownBy(() -> Template.parse(template)).isInstanceOf(Template.TemplateException.class)
                .hasMessageContaining(message);
    }
}
