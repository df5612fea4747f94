package dev.apikey.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.core.KeyRef;
import dev.apikey.http.HttpClients;
import dev.apikey.metadata.Json;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.FakeApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every remote provider must do on the failure paths, against its stateful fake: the exit codes of the
 * spec (4 for 401/403, 3 for 404, 6 for 5xx, exhausted 429, malformed JSON and timeouts) with the provider's
 * own message, retries only where they are safe, and no secret anywhere in the output. Each provider's test
 * extends this and adds its whole lifecycle.
 */
public abstract class ProviderContract<F extends FakeApi> {
    /** Short, real timeouts; retries still wait through the recorded (not real) sleeper. */
    protected static final HttpClients.Settings FAST = new HttpClients.Settings(Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(20), 4, Duration.ofMillis(500), Duration.ofSeconds(30));
    protected static final String PROVIDER = "acct";

    @TempDir
    protected Path dir;
    protected CliRunner cli;
    protected F fake;

    /** A fresh fake of the provider. */
    protected abstract F newFake();

    /** The built-in type under test. */
    protected abstract String type();

    /** The management credential the fake accepts. */
    protected abstract String credential();

    /** Arguments {@code create} needs for this provider besides the ref ({@code --scope}, {@code --param}). */
    protected List<String> createArgs() {
        return List.of();
    }

    /** Arguments {@code provider add} needs besides the name, type and base URL. */
    protected List<String> addArgs() {
        return List.of();
    }

    @BeforeEach
    void startFake() {
        fake = newFake();
        cli = new CliRunner(dir).httpSettings(FAST);
        List<String> add = new ArrayList<>(List.of("provider", "add", PROVIDER, "--type", type(), "--base-url", fake.baseUrl()));
        add.addAll(addArgs());
        Result added = cli.run(add.toArray(String[]::new));
        assertThat(added.exit()).as(added.toString()).isZero();
        cli.env("APIKEY_ADMIN_" + KeyRef.toVariablePart(PROVIDER), credential());
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    protected Result create(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("create", PROVIDER + "/" + name));
        args.addAll(createArgs());
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    /** The key of this name the fake holds. */
    protected FakeApi.Key key(String name) {
        // A create carries its recovery marker in the remote name: "NAME [apikey-…]".
        return fake.keys.values().stream()
                .filter(k -> k.name != null && FakeApi.withoutMarker(k.name).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("the fake has no key named " + name));
    }

    protected JsonNode json(Result r) throws Exception {
        return Json.mapper().readTree(r.out());
    }

    /** No secret the fake ever held appears in what apikey printed. */
    protected void assertNoSecretIn(Result r) {
        for (FakeApi.Key k : fake.keys.values()) {
            assertThat(r.out() + r.err()).as("secret of " + k.id).doesNotContain(k.secret);
        }
        assertThat(r.out() + r.err()).doesNotContain(credential());
    }

    protected List<RecordedRequest> requests(String method, String pathPart) {
        return fake.requests(method).stream().filter(r -> r.getUrl().encodedPath().contains(pathPart)).toList();
    }

    @Test
    void refusedCredentialExits4WithTheProvidersMessage() {
        fake.failNext("POST", fake.createPath(), 1, 401, "the credential is wrong");
        Result r = create("ci");
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("the credential is wrong").contains("HTTP 401").contains("provider login " + PROVIDER);
        assertThat(requests("POST", fake.createPath())).hasSize(1);
        assertThat(cli.keychain().item("apikey", PROVIDER + "/ci")).isNull();
        assertNoSecretIn(r);
    }

    @Test
    void forbiddenListExits4() {
        fake.failNext("GET", fake.listPath(), 1, 403, "missing permission");
        Result r = cli.run("list", PROVIDER, "--remote");
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("missing permission").contains("HTTP 403");
        assertThat(requests("GET", fake.listPath())).hasSize(1); // a 403 is not retried
    }

    @Test
    void revokingAKeyGoneAtTheProviderExits3() {
        Result created = create("gone");
        assertThat(created.exit()).as(created.toString()).isZero();
        fake.keys.clear(); // deleted in the provider's console
        Result r = cli.run("revoke", PROVIDER + "/gone", "--yes");
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("HTTP 404").contains("list " + PROVIDER + " --remote");
        assertNoSecretIn(r);
    }

    @Test
    void rateLimitedListIsRetriedAfterRetryAfter() {
        fake.seed(3);
        fake.throttleNext("GET", fake.listPath(), 1, 2);
        Result r = cli.run("list", PROVIDER, "--remote", "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(cli.sleeps()).containsExactly(Duration.ofSeconds(2));
        assertThat(requests("GET", fake.listPath())).hasSize(2);
    }

    @Test
    void serverErrorsAfterEveryRetryExit6WithTheProvidersMessage() {
        fake.failAlways("GET", fake.listPath(), 500, "internal trouble");
        Result r = cli.run("list", PROVIDER, "--remote");
        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(r.err()).contains("internal trouble").contains("HTTP 500");
        assertThat(requests("GET", fake.listPath())).hasSize(FAST.maxAttempts());
        assertThat(cli.sleeps()).hasSize(FAST.maxAttempts() - 1);
    }

    @Test
    void createIsNeverRetried() {
        fake.failNext("POST", fake.createPath(), 1, 503, "try later");
        Result r = create("once");
        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(requests("POST", fake.createPath())).hasSize(1);
        assertThat(cli.sleeps()).isEmpty();
    }

    @Test
    void malformedJsonExits6WithoutQuotingTheBody() {
        fake.malformedNext("POST", fake.createPath());
        Result r = create("broken");
        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(r.err()).contains("not valid JSON").contains("list " + PROVIDER + " --remote")
                .doesNotContain("sk-cut-off").doesNotContain("half");
        assertThat(cli.keychain().item("apikey", PROVIDER + "/broken")).isNull();
    }

    @Test
    void aCreateWithoutTheSecretRevokesTheNewKey() {
        fake.omitSecretNext("POST", fake.createPath());
        Result r = create("nosecret");
        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(r.err()).contains("has no secret").contains("was revoked");
        assertThat(fake.keys).isEmpty();
        assertThat(fake.requests("DELETE")).hasSize(1);
        assertThat(cli.keychain().item("apikey", PROVIDER + "/nosecret")).isNull();
    }

    @Test
    void aSecretWithControlCharactersIsAMalformedResponseAndTheNewKeyIsRevoked() {
        fake.controlCharactersInSecretNext("POST", fake.createPath());
        Result r = create("controlled");
        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(r.err()).contains("malformed secret").contains("NUL (U+0000)").contains("was revoked")
                .doesNotContain("\u0000").doesNotContain("\u001b");
        assertThat(fake.keys).isEmpty();
        assertThat(cli.keychain().item("apikey", PROVIDER + "/controlled")).isNull();
    }

    @Test
    void aSlowProviderTimesOutWithExit6() {
        cli.httpSettings(new HttpClients.Settings(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(5),
                4, Duration.ofMillis(500), Duration.ofSeconds(30)));
        fake.delayNext("POST", fake.createPath(), Duration.ofSeconds(2));
        Result r = create("slow");
        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(r.err()).contains("timed out");
        assertThat(requests("POST", fake.createPath())).hasSize(1); // a create that may have happened is not repeated
    }

    @Test
    void verboseOutputRedactsEveryCredentialAndSecret() {
        Result r = create("loud", "--verbose");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("> POST").contains("***");
        assertNoSecretIn(r);
    }
}
