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
        Result rotated = cli.run("rotate", PROVIDER + "/dns-bot");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        assertThat(key.secret).isNotEqualTo(before);
        assertThat(cli.keychain().item("apikey", PROVIDER + "/dns-bot")).isEqualTo(key.secret);
        RecordedRequest roll = fake.requests("PUT").get(0);
        assertThat(roll.getUrl().encodedPath()).isEqualTo("/client/v4/user/tokens/" + key.id + "/value");
        assertThat(roll.getBody().string(StandardCharsets.UTF_8)).isEqualTo("{}");
        String rolled = key.secret;

        Result graced = cli.run("rotate", PROVIDER + "/dns-bot", "--grace", "1h");
        assertThat(graced.exit()).as(graced.toString()).isEqualTo(2);
        assertThat(graced.err()).contains("--grace");

        Result revoked = cli.run("revoke", PROVIDER + "/dns-bot", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(fake.keys).doesNotContainKey(key.id).hasSize(120);
        RecordedRequest delete = fake.requests("DELETE").get(0);
        assertThat(delete.getUrl().encodedPath()).isEqualTo("/client/v4/user/tokens/" + key.id);
        // create, three pages, roll, verify of the rolled token, delete
        assertThat(fake.requests()).hasSize(1 + 3 + 1 + 1 + 1);
        RecordedRequest verify = fake.requests().get(5);
        assertThat(verify.getUrl().encodedPath()).isEqualTo("/client/v4/user/tokens/verify");
        assertThat(verify.getHeaders().get("Authorization")).isEqualTo("Bearer " + rolled);
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
