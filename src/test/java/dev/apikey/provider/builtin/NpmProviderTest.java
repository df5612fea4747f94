package dev.apikey.provider.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.provider.ProviderContract;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.FakeApi;
import dev.apikey.testing.fakes.NpmFake;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NpmProviderTest extends ProviderContract<NpmFake> {
    private static final String SESSION = "npm_session0123456789abcdefghijklmn";
    private static final String PASSWORD = "correct horse";

    @Override
    protected NpmFake newFake() {
        return new NpmFake(SESSION, PASSWORD);
    }

    /** Classic tokens, as Verdaccio and private registries issue them; granular ones in NpmGranularProviderTest. */
    @Override
    protected List<String> addArgs() {
        return List.of("--param", "kind=classic");
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
    void lifecycle() throws Exception {
        fake.seed(150);
        Result created = create("publish", "--param", "cidr=10.0.0.0/8, 192.168.0.0/16");
        assertThat(created.exit()).as(created.toString()).isZero();
        FakeApi.Key key = fake.keys.values().stream().filter(k -> k.name == null).findFirst().orElseThrow();
        assertThat(cli.keychain().item("apikey", PROVIDER + "/publish")).isEqualTo(key.secret);
        RecordedRequest post = fake.requests("POST").get(0);
        assertThat(post.getUrl().encodedPath()).isEqualTo("/-/npm/v1/tokens");
        assertThat(post.getHeaders().get("Authorization")).isEqualTo("Bearer " + SESSION);
        assertThat(Json.mapper().readTree(post.getBody().string(StandardCharsets.UTF_8))).isEqualTo(Json.mapper().readTree(
                "{\"password\":\"correct horse\",\"readonly\":false,\"cidr_whitelist\":[\"10.0.0.0/8\",\"192.168.0.0/16\"]}"));

        fake.clearRequests();
        Result listed = cli.run("list", PROVIDER, "--remote", "--json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        JsonNode rows = json(listed);
        assertThat(rows).hasSize(151);
        assertThat(fake.requests("GET")).extracting(r -> r.getUrl().queryParameter("page")).containsExactly(null, "1");

        Result rotated = cli.run("rotate", PROVIDER + "/publish");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        assertThat(fake.keys).doesNotContainKey(key.id);
        String next = cli.keychain().item("apikey", PROVIDER + "/publish");
        assertThat(next).isNotEqualTo(key.secret);
        RecordedRequest whoami = fake.requests("GET").stream()
                .filter(r -> r.getUrl().encodedPath().equals("/-/whoami")).findFirst().orElseThrow();
        assertThat(whoami.getUrl().encodedPath()).isEqualTo("/-/whoami");
        assertThat(whoami.getHeaders().get("Authorization")).isEqualTo("Bearer " + next);

        Result revoked = cli.run("revoke", PROVIDER + "/publish", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(fake.keys).hasSize(150);
        assertThat(fake.requests("DELETE").get(0).getUrl().encodedPath()).isEqualTo("/-/npm/v1/tokens/token/" + key.id);
        // list (2 pages); rotate: the token list it checks lost creates against (2 pages), create, whoami,
        // delete of the old token; revoke
        assertThat(fake.requests()).hasSize(8);
    }

    @Test
    void aOneTimePasswordIsAskedWhenTheRegistryWantsOne() {
        fake.otp = "123456";
        Result r = cli.invocation().terminal(80).answer("123456").run("create", PROVIDER + "/two-factor");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.prompts()).containsExactly("Npm one-time password: ");
        List<RecordedRequest> posts = fake.requests("POST");
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).getHeaders().get("npm-otp")).isNull();
        assertThat(posts.get(1).getHeaders().get("npm-otp")).isEqualTo("123456");
    }

    @Test
    void theOneTimePasswordCanComeFromTheEnvironment() {
        fake.otp = "654321";
        cli.env("APIKEY_NPM_OTP", "654321");
        Result r = create("ci");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(fake.requests("POST").get(1).getHeaders().get("npm-otp")).isEqualTo("654321");
    }

    @Test
    void thePasswordCanComeFromStandardInput() {
        cli.env("APIKEY_NPM_PASSWORD", null);
        Result r = cli.invocation().stdin(PASSWORD + "\n").run("create", PROVIDER + "/piped");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
    }

    @Test
    void withoutAPasswordNothingIsSent() {
        cli.env("APIKEY_NPM_PASSWORD", null);
        Result r = create("nopass");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("npm account password").contains("APIKEY_NPM_PASSWORD");
        // Listing the tokens first (so a lost create could be told apart) is harmless; nothing is created.
        assertThat(fake.requests("POST")).isEmpty();
    }

    @Test
    void scopesAreRefused() {
        Result r = create("scoped", "--scope", "read");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("have no scopes");
    }

    @Test
    void thePasswordNeverShowsInTheVerboseLog() {
        Result r = create("quiet", "--verbose");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("\"password\":\"***\"").doesNotContain(PASSWORD);
    }
}
