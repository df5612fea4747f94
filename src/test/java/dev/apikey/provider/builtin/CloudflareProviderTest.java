package dev.apikey.provider.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.provider.ProviderContract;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.CloudflareFake;
import dev.apikey.testing.fakes.FakeApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class CloudflareProviderTest extends ProviderContract<CloudflareFake> {
    private static final String ADMIN = "cf-admin-token-0123456789abcdefghij";
    private static final String POLICIES = "[{\"effect\":\"allow\",\"resources\":{\"com.cloudflare.api.account.zone.eb78d65290b24279ba6f44721b3ea3c4\":\"*\"},"
            + "\"permission_groups\":[{\"id\":\"c8fed203ed3043cba015a93ad1616f1f\"}]}]";

    @Override
    protected CloudflareFake newFake() {
        return new CloudflareFake(ADMIN);
    }

    @Override
    protected String type() {
        return "cloudflare";
    }

    @Override
    protected String credential() {
        return ADMIN;
    }

    @Override
    protected List<String> createArgs() {
        try {
            Path file = dir.resolve("policies.json");
            Files.writeString(file, POLICIES);
            return List.of("--param", "policies=@" + file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void lifecycleWithNativeRoll() throws Exception {
        fake.seed(120);
        Result created = create("dns-bot", "--expires", "2026-06-30");
        assertThat(created.exit()).as(created.toString()).isZero();
        FakeApi.Key key = key("dns-bot");
        assertThat(cli.keychain().item("apikey", PROVIDER + "/dns-bot")).isEqualTo(key.secret);
        RecordedRequest post = fake.requests("POST").get(0);
        assertThat(post.getUrl().encodedPath()).isEqualTo("/client/v4/user/tokens");
        assertThat(post.getHeaders().get("Authorization")).isEqualTo("Bearer " + ADMIN);
        assertThat(body(post)).isEqualTo(Json.mapper().readTree("{\"name\":\"dns-bot\",\"policies\":" + POLICIES
                + ",\"expires_on\":\"2026-06-30T00:00:00Z\"}"));

        Result listed = cli.run("list", PROVIDER, "--remote", "--json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        assertThat(json(listed)).hasSize(121);
        List<RecordedRequest> pages = fake.requests("GET");
        assertThat(pages).extracting(r -> r.getUrl().queryParameter("page")).containsExactly("1", "2", "3");
        assertThat(pages).extracting(r -> r.getUrl().queryParameter("per_page")).containsOnly("50");

        String before = key.secret;
        cli.clock().advance(java.time.Duration.ofDays(30));
        Result rotated = cli.run("rotate", PROVIDER + "/dns-bot");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        assertThat(key.secret).isNotEqualTo(before);
        assertThat(cli.keychain().item("apikey", PROVIDER + "/dns-bot")).isEqualTo(key.secret);
        RecordedRequest roll = fake.requests("PUT").get(0);
        assertThat(roll.getUrl().encodedPath()).isEqualTo("/client/v4/user/tokens/" + key.id + "/value");
        assertThat(roll.getBody().string(StandardCharsets.UTF_8)).isEqualTo("{}");
        // The roll keeps the token's old expiry; the update that follows gives it the key's lifetime from now,
        // sending the whole token back as Cloudflare's update requires.
        assertThat(fake.requests().subList(5, 7)).extracting(r -> r.getMethod() + " " + r.getUrl().encodedPath())
                .containsExactly("GET /client/v4/user/tokens/" + key.id, "PUT /client/v4/user/tokens/" + key.id);
        assertThat(fake.updates).hasSize(1);
        assertThat(fake.updates.get(0).get("expires_on").asText()).isEqualTo("2026-07-30T00:00:00Z");
        assertThat(fake.updates.get(0).get("name").asText()).isEqualTo(key.name);
        assertThat(fake.updates.get(0).get("policies")).isEqualTo(Json.mapper().readTree(POLICIES));
        assertThat(key.expiresAt).isEqualTo(java.time.Instant.parse("2026-07-30T00:00:00Z"));
        String rolled = key.secret;
        // create, three pages, roll, read, update, verify of the rolled token
        assertThat(fake.requests()).hasSize(1 + 3 + 1 + 1 + 1 + 1);
        RecordedRequest verify = fake.requests().get(7);
        assertThat(verify.getUrl().encodedPath()).isEqualTo("/client/v4/user/tokens/verify");
        assertThat(verify.getHeaders().get("Authorization")).isEqualTo("Bearer " + rolled);
        fake.clearRequests();

        Result graced = cli.run("rotate", PROVIDER + "/dns-bot", "--grace", "1h");
        assertThat(graced.exit()).as(graced.toString()).isEqualTo(2);
        assertThat(graced.err()).contains("--grace");

        Result revoked = cli.run("revoke", PROVIDER + "/dns-bot", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(fake.keys).doesNotContainKey(key.id).hasSize(120);
        assertThat(fake.requests()).extracting(r -> r.getMethod() + " " + r.getUrl().encodedPath())
                .containsExactly("DELETE /client/v4/user/tokens/" + key.id);
    }

    @Test
    void accountOwnedTokensAreAKind() throws Exception {
        assertThat(cli.run("provider", "add", "ci", "--type", "cloudflare", "--base-url", fake.baseUrl(),
                "--param", "kind=account", "--param", "account=0123abcd").exit()).isZero();
        cli.env("APIKEY_ADMIN_CI", ADMIN);
        List<String> args = new java.util.ArrayList<>(List.of("create", "ci/deploy", "--expires", "30d"));
        args.addAll(createArgs());
        Result created = cli.run(args.toArray(String[]::new));
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(fake.requests("POST").get(0).getUrl().encodedPath()).isEqualTo("/client/v4/accounts/0123abcd/tokens");
        FakeApi.Key key = fake.keys.values().iterator().next();
        assertThat(cli.run("rotate", "ci/deploy").exit()).isZero();
        assertThat(fake.requests("PUT")).extracting(r -> r.getUrl().encodedPath()).containsExactly(
                "/client/v4/accounts/0123abcd/tokens/" + key.id + "/value", "/client/v4/accounts/0123abcd/tokens/" + key.id);
        assertThat(fake.requests("GET")).extracting(r -> r.getUrl().encodedPath())
                .contains("/client/v4/accounts/0123abcd/tokens/verify");
        assertThat(cli.run("revoke", "ci/deploy", "--yes").exit()).isZero();
        assertThat(fake.keys).isEmpty();
    }

    @Test
    void aFailedUpdateAfterTheRollKeepsTheNewSecretAndSaysTheExpiryIsTheOldOne() throws Exception {
        assertThat(create("dns-bot", "--expires", "30d").exit()).isZero();
        FakeApi.Key key = key("dns-bot");
        fake.failUpdates = true;
        Result rotated = cli.run("rotate", PROVIDER + "/dns-bot");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        assertThat(rotated.err()).contains("the key was rotated, but update key " + key.id + " after rotating it failed")
                .contains("it keeps its old expiry (2026-02-14T10:00:00Z)");
        assertThat(fake.rolls).isEqualTo(1);
        assertThat(cli.keychain().item("apikey", PROVIDER + "/dns-bot")).isEqualTo(key.secret);
    }

    @Test
    void rollIsNotRetriedAlthoughItIsAPut() {
        assertThat(create("roll").exit()).isZero();
        fake.failNext("PUT", "/value", 1, 502, "bad gateway");
        Result r = cli.run("rotate", PROVIDER + "/roll");
        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(fake.requests("PUT")).hasSize(1);
        assertThat(cli.sleeps()).isEmpty();
    }

    @Test
    void aCreateWithoutTheIdLearnsItFromVerify() {
        fake.createWithoutId = true;
        Result r = create("no-id");
        assertThat(r.exit()).as(r.toString()).isZero();
        FakeApi.Key key = key("no-id");
        assertThat(cli.run("list", "--json").out()).contains("\"id\":\"" + key.id + "\"");
        RecordedRequest verify = fake.requests("GET").get(0);
        assertThat(verify.getUrl().encodedPath()).isEqualTo("/client/v4/user/tokens/verify");
        assertThat(verify.getHeaders().get("Authorization")).isEqualTo("Bearer " + key.secret);
    }

    @Test
    void createNeedsPolicies() {
        Result r = cli.run("create", PROVIDER + "/bare");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--param policies");
        assertThat(fake.requests()).isEmpty();
    }


    private static JsonNode body(RecordedRequest r) throws Exception {
        return Json.mapper().readTree(FakeApi.withoutMarker(r.getBody().string(StandardCharsets.UTF_8)));
    }
}
