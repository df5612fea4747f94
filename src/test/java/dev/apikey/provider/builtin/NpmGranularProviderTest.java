package dev.apikey.provider.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.metadata.Json;
import dev.apikey.provider.ProviderContract;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.FakeApi;
import dev.apikey.testing.fakes.NpmFake;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * npm's default kind: granular access tokens, created with the body npm CLI 11 sends, at a registry that no longer
 * issues classic tokens (registry.npmjs.org since December 2025).
 */
class NpmGranularProviderTest extends ProviderContract<NpmFake> {
    private static final String SESSION = "npm_session0123456789abcdefghijklmn";
    private static final String PASSWORD = "correct horse";

    @Override
    protected NpmFake newFake() {
        NpmFake fake = new NpmFake(SESSION, PASSWORD);
        fake.classicRevoked = true;
        return fake;
    }

    @Override
    protected String type() {
        return "npm";
    }

    @Override
    protected String credential() {
        return SESSION;
    }

    @BeforeEach
    void password() {
        cli.env("APIKEY_NPM_PASSWORD", PASSWORD);
    }

    @Test
    void aGranularTokenIsCreatedWithNpmsOwnFieldsAndCarriesTheMarkerInItsName() throws Exception {
        Result created = create("publish", "--description", "CI publish", "--expires", "30d", "--scope", "@acme",
                "--param", "packages=left-pad,right-pad", "--param", "permission=read-write",
                "--param", "orgs=acme", "--param", "orgsPermission=read-only", "--param", "cidr=10.0.0.0/8",
                "--param", "bypass2fa=true");
        assertThat(created.exit()).as(created.toString()).isZero();
        RecordedRequest post = fake.requests("POST").get(0);
        assertThat(post.getUrl().encodedPath()).isEqualTo("/-/npm/v1/tokens");
        assertThat(Json.mapper().readTree(FakeApi.withoutMarker(post.getBody().string(StandardCharsets.UTF_8))))
                .isEqualTo(Json.mapper().readTree("""
                        {"name": "publish", "password": "correct horse", "description": "CI publish",
                         "packages": ["left-pad", "right-pad"], "scopes": ["@acme"], "orgs": ["acme"],
                         "packages_and_scopes_permission": "read-write", "orgs_permission": "read-only",
                         "expires": 30, "cidr_whitelist": ["10.0.0.0/8"], "bypass_2fa": true}"""));
        FakeApi.Key key = key("publish");
        assertThat(key.name).matches("publish \\[apikey-[0-9a-f]{16}]");
        assertThat(key.expiresAt).isEqualTo(Instant.parse("2026-02-14T10:00:00Z"));
        assertThat(cli.keychain().item("apikey", PROVIDER + "/publish")).isEqualTo(key.secret);

        Result rotated = cli.run("rotate", PROVIDER + "/publish");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        FakeApi.Key next = key("publish");
        assertThat(next.id).isNotEqualTo(key.id);
        assertThat(fake.keys).doesNotContainKey(key.id).hasSize(1);
        assertThat(cli.keychain().item("apikey", PROVIDER + "/publish")).isEqualTo(next.secret);
        assertThat(Json.mapper().readTree(fake.requests("POST").get(1).getBody().string(StandardCharsets.UTF_8))
                .get("expires").asInt()).as("the rotation keeps the 30-day lifetime").isEqualTo(30);

        Result listed = cli.run("list", PROVIDER, "--remote", "--json");
        assertThat(json(listed).get(0).get("remote").asText()).isEqualTo("tracked");
    }

    @Test
    void theRegistrysLimitOnWritableTokensIsReportedWithItsMessage() {
        Result r = create("long", "--expires", "365d", "--param", "permission=read-write");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("HTTP 400: tokens with write access can last at most 90 days");
    }

    @Test
    void aTokenWithoutAnExpiryLeavesTheRegistrysDefault() throws Exception {
        assertThat(create("ci").exit()).isZero();
        assertThat(Json.mapper().readTree(fake.requests("POST").get(0).getBody().string(StandardCharsets.UTF_8))
                .has("expires")).isFalse();
        assertThat(key("ci").expiresAt).isEqualTo(Instant.parse("2026-02-14T10:00:00Z"));
    }
}
