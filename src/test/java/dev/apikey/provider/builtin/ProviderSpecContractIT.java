package dev.apikey.provider.builtin;

import dev.apikey.BuiltIns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apikey.core.ApikeyException;
import dev.apikey.metadata.Json;
import dev.apikey.core.CreatedKey;
import dev.apikey.core.KeySpec;
import dev.apikey.core.Provider;
import dev.apikey.core.RemoteKey;
import dev.apikey.provider.declarative.DeclaredProviderType;
import dev.apikey.testing.PrismServer;
import dev.apikey.testing.ProviderHarness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Contract tests against the providers' own OpenAPI specs (src/test/resources/provider-specs, cut from the
 * providers' published documents): Prism runs each spec with {@code --errors}, so every request the built-in
 * sends must pass the spec's validation, and the built-in must read Prism's example responses.
 */
class ProviderSpecContractIT {
    private static final Instant IN_30_DAYS = ProviderHarness.NOW.plusSeconds(30L * 86400);
    private static final String CF_POLICIES = "[{\"id\":\"f267e341f3dd4697bd3b9f71dd96247f\",\"effect\":\"allow\","
            + "\"resources\":{\"com.cloudflare.api.account.zone.eb78d65290b24279ba6f44721b3ea3c4\":\"*\"},"
            + "\"permission_groups\":[{\"id\":\"c8fed203ed3043cba015a93ad1616f1f\"}]}]";

    private static KeySpec spec(String name, List<String> scopes, Instant expiresAt, Map<String, String> params) {
        return new KeySpec(name, null, scopes, expiresAt, params, null);
    }

    @Test
    void cloudflare() {
        try (PrismServer prism = PrismServer.mock("cloudflare-user-tokens.json")) {
            Provider p = ProviderHarness.open("cloudflare", prism.url(), "cf-management-token", Map.of(), null);
            CreatedKey created = p.create(spec("cli token", List.of(), IN_30_DAYS, Map.of("policies", CF_POLICIES)));
            assertThat(created.secret().reveal()).isEqualTo("8M7wS6hCpXVc-DoRnPPY_UCWPgy8aea4Wy6kCe5T");
            // This version of the spec returns no id on create: it comes from the verify call.
            assertThat(created.id()).isEqualTo("ed17574386854bf78a67040be0a770b0");
            assertThat(p.verify(created)).contains(true);
            assertThat(ProviderHarness.list(p)).isEmpty(); // the example token has no id
            CreatedKey rolled = p.rotate(created.id(), spec("cli token", List.of(), null, Map.of()));
            assertThat(rolled.id()).isEqualTo(created.id());
            assertThat(rolled.secret().reveal()).isEqualTo("8M7wS6hCpXVc-DoRnPPY_UCWPgy8aea4Wy6kCe5T");
            p.revoke(created.id());
            assertThat(prism.violations()).isEmpty();
        }
    }

    @Test
    void openai() {
        try (PrismServer prism = PrismServer.mock("openai-admin-api-keys.yaml")) {
            Provider p = ProviderHarness.open("openai", prism.url(), "sk-admin-management", Map.of(), null);
            CreatedKey created = p.create(spec("New Admin Key", List.of(), IN_30_DAYS, Map.of()));
            assertThat(created.secret().reveal()).isEqualTo("sk-admin-1234abcd");
            assertThat(created.id()).isNotBlank();
            assertThat(created.createdAt()).isEqualTo(Instant.ofEpochSecond(1711471533));
            List<RemoteKey> keys = ProviderHarness.list(p);
            assertThat(keys).isNotEmpty();
            assertThat(keys.get(0).hint()).isEqualTo("sk-admin...def");
            assertThat(keys.get(0).createdAt()).isEqualTo(Instant.ofEpochSecond(1711471533));
            assertThat(p.verify(created)).contains(true);
            p.revoke(created.id());
            assertThat(prism.violations()).isEmpty();
        }
    }

    @Test
    void openaiProjectServiceAccounts() {
        try (PrismServer prism = PrismServer.mock("openai-project-service-accounts.yaml")) {
            Provider p = ProviderHarness.open("openai", prism.url(), "sk-admin-management",
                    Map.of("kind", "project", "project", "proj_abc"), null);
            // The spec's create answer has no example: Prism makes one from the schema, the key at api_key.value.
            CreatedKey created = p.create(spec("Production App", List.of(), null, Map.of()));
            assertThat(created.secret().reveal()).isEqualTo("string");
            assertThat(created.id()).isEqualTo("string");
            // Prism's made-up page always says has_more with the same last_id: the second page's request (cursor
            // after=last_id, limit=100) is checked against the spec, then the repeat is refused instead of looping.
            List<RemoteKey> keys = new java.util.ArrayList<>();
            assertThatThrownBy(() -> p.list(keys::add)).isInstanceOf(dev.apikey.core.ProviderUnavailableException.class)
                    .hasMessageContaining("the same page twice");
            assertThat(keys).extracting(RemoteKey::id).containsExactly("string", "string");
            assertThat(keys.get(0).name()).isEqualTo("string");
            assertThat(keys.get(0).createdAt()).isEqualTo(Instant.EPOCH);
            assertThat(p.verify(created)).as("GET /models with the new key").contains(true);
            p.revoke(created.id());
            assertThat(prism.violations()).isEmpty();
        }
    }

    @Test
    void gitlab() {
        try (PrismServer prism = PrismServer.mock("gitlab-personal-access-tokens.yaml")) {
            // The spec has no create for personal tokens; rotation, listing and revocation are in it.
            Provider p = ProviderHarness.open("gitlab", prism.url(), "glpat-management", Map.of("user", "2"), null);
            CreatedKey rotated = p.rotate("42", spec("deploy", List.of("api"), Instant.parse("2030-01-31T00:00:00Z"), Map.of()));
            assertThat(rotated.id()).isEqualTo("2");
            assertThat(rotated.secret().reveal()).isEqualTo("string");
            List<RemoteKey> keys = ProviderHarness.list(p);
            assertThat(keys).extracting(RemoteKey::id).containsExactly("2");
            assertThat(keys.get(0).name()).isEqualTo("John Doe");
            assertThat(keys.get(0).expiresAt()).isEqualTo(Instant.parse("2020-08-31T15:53:00.073Z"));
            p.revoke("2");
            // A token rotating itself: POST …/self/rotate, sent with the token.
            CreatedKey own = p.rotateItself("2", dev.apikey.core.Secret.of("glpat-own"),
                    spec("deploy", List.of("api"), Instant.parse("2030-01-31T00:00:00Z"), Map.of()));
            assertThat(own.id()).isEqualTo("2");
            assertThat(prism.violations()).isEmpty();
        }
    }

    @Test
    void sendgrid() {
        try (PrismServer prism = PrismServer.mock("sendgrid-api-keys.json")) {
            Provider p = ProviderHarness.open("sendgrid", prism.url(), "SG.management", Map.of(), null);
            CreatedKey created = p.create(spec("My API Key", List.of("mail.send", "alerts.read"), null, Map.of()));
            assertThat(created.id()).isEqualTo("xxxxxxxx");
            assertThat(created.secret().reveal()).isEqualTo("SG.xxxxxxxx.yyyyyyyy");
            assertThat(ProviderHarness.list(p)).extracting(RemoteKey::id).containsExactly("some-apikey-id", "another-apikey-id");
            p.revoke(created.id());
            assertThat(prism.violations()).isEmpty();
        }
    }

    @Test
    void twilio() throws Exception {
        String account = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        try (PrismServer prism = PrismServer.mock("twilio-iam-v1-keys.json")) {
            Provider p = ProviderHarness.open("twilio", prism.url(), account + ":auth-token", Map.of(), null);
            CreatedKey created = p.create(spec("foo", List.of(), null, Map.of("keyType", "restricted",
                    "policy", "{\"allow\":[\"/twilio/messaging/messages/read\"]}")));
            assertThat(created.id()).isEqualTo("SKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
            assertThat(created.secret().reveal()).isEqualTo("foobar");
            assertThat(created.createdAt()).isEqualTo(Instant.parse("2016-06-13T22:50:08Z"));
            assertThat(ProviderHarness.list(p)).isEmpty(); // Prism's first example is the empty page
            // The same definition, asking Prism for the spec's full page.
            JsonNode def = ((DeclaredProviderType) BuiltIns.providerTypes().find("twilio").orElseThrow()).definition().deepCopy();
            ((ObjectNode) def).set("headers", Json.mapper().readTree("{\"Prefer\": \"example=readFull\"}"));
            Provider full = ProviderHarness.open("http", prism.url(), account + ":auth-token", Map.of(), def);
            List<RemoteKey> keys = ProviderHarness.list(full);
            assertThat(keys).extracting(RemoteKey::id)
                    .containsExactly("SKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "SKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab");
            assertThat(keys.get(0).name()).isEqualTo("foo");
            p.revoke(created.id());
            assertThat(prism.violations()).isEmpty();
        }
    }

    @Test
    void datadog() {
        try (PrismServer prism = PrismServer.mock("datadog-v2-keys.yaml")) {
            Provider api = ProviderHarness.open("datadog", prism.url(), "api-key:application-key", Map.of(), null);
            CreatedKey created = api.create(spec("cli key", List.of(), null, Map.of()));
            assertThat(created.id()).isNotBlank();
            assertThat(created.secret().reveal()).isNotBlank();
            List<RemoteKey> keys = ProviderHarness.list(api);
            assertThat(keys).isNotEmpty();
            assertThat(keys.get(0).hint()).isEqualTo("…abcd");
            api.revoke(created.id());

            Provider app = ProviderHarness.open("datadog", prism.url(), "api-key:application-key",
                    Map.of("kind", "application"), null);
            CreatedKey appKey = app.create(spec("dashboards", List.of("dashboards_read"), null, Map.of()));
            assertThat(appKey.secret().reveal()).isNotBlank();
            assertThat(ProviderHarness.list(app)).isNotEmpty();
            app.revoke(appKey.id());
            assertThat(prism.violations()).isEmpty();
        }
    }

    @Test
    void linode() {
        // Linode's examples write times without a zone, which its own date-time schema refuses: Prism checks the
        // requests only (and every request that breaks the spec is answered with an error and logged).
        try (PrismServer prism = PrismServer.mockTrustingItsExamples("linode-profile-tokens.yaml")) {
            Provider p = ProviderHarness.open("linode", prism.url(), "linode-management", Map.of(), null);
            CreatedKey created = p.create(spec("linode-cli", List.of("linodes:read_write", "domains:read_only"),
                    IN_30_DAYS, Map.of()));
            assertThat(created.id()).isEqualTo("123");
            assertThat(created.secret().reveal()).isEqualTo("abcdefghijklmnop");
            // Linode writes its times in UTC without a zone.
            assertThat(created.createdAt()).isEqualTo(Instant.parse("2018-01-01T00:01:01Z"));
            assertThat(created.expiresAt()).isEqualTo(Instant.parse("2018-01-01T13:46:32Z"));
            List<RemoteKey> keys = ProviderHarness.list(p);
            assertThat(keys).extracting(RemoteKey::id).containsExactly("123");
            assertThat(keys.get(0).name()).isEqualTo("linode-cli");
            assertThat(keys.get(0).hint()).isNull(); // the listed token is its first 16 characters: never shown
            p.revoke(created.id());
            // A token of the acting token's scopes, never expiring: no scopes, no expiry sent.
            p.create(spec("everything", List.of(), null, Map.of()));
            assertThat(prism.requestViolations()).isEmpty();
        }
    }

    /** The contract has teeth: a request the spec forbids fails. */
    @Test
    void aRequestThatBreaksTheSpecIsRefused() throws Exception {
        try (PrismServer prism = PrismServer.mock("twilio-iam-v1-keys.json")) {
            JsonNode def = ((DeclaredProviderType) BuiltIns.providerTypes().find("twilio").orElseThrow()).definition().deepCopy();
            ((ObjectNode) def.at("/operations/create/body")).remove("AccountSid");
            Provider broken = ProviderHarness.open("http", prism.url(), "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:t", Map.of(), def);
            assertThatThrownBy(() -> broken.create(spec("foo", List.of(), null, Map.of())))
                    .isInstanceOf(ApikeyException.class).hasMessageContaining("HTTP 422");
            assertThat(prism.violations()).isNotEmpty();
        }
    }
}
