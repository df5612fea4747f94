package dev.apikey.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.AlgoliaFake;
import dev.apikey.testing.fakes.FakeApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key that is its own id ({@code docs/examples/algolia.json}, {@code "idIsSecret": true}): apikey keeps a
 * fingerprint in its place, so the secret is in no metadata, log, audit line or JSON, and revokes the key by finding
 * it in the provider's list.
 */
class AlgoliaDefinitionTest {
    static final Path DEFINITION = Path.of("docs/examples/algolia.json").toAbsolutePath();
    private static final String ADMIN = "algolia-admin-key-0123456789abcdef";
    @TempDir
    Path dir;
    CliRunner cli;
    AlgoliaFake fake;

    @BeforeEach
    void setUp() {
        fake = new AlgoliaFake(ADMIN);
        cli = new CliRunner(dir);
        fake.clock(cli.clock());
        Result added = cli.run("provider", "add", "alg", "--type", "http", "--file", DEFINITION.toString(),
                "--base-url", fake.baseUrl(), "--param", "appId=" + AlgoliaFake.APP_ID);
        assertThat(added.exit()).as(added.toString()).isZero();
        cli.env("APIKEY_ADMIN_ALG", ADMIN);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void theKeyIsKeptOnlyAsItsSecretAndFoundByItsFingerprint() throws Exception {
        fake.seed(3);
        Result created = cli.run("-v", "create", "alg/search", "--scope", "search", "--json");
        assertThat(created.exit()).as(created.toString()).isZero();
        FakeApi.Key key = fake.keys.values().stream().filter(k -> k.name.startsWith("search")).findFirst().orElseThrow();
        assertThat(cli.keychain().item("apikey", "alg/search")).isEqualTo(key.secret);
        assertThat(Json.mapper().readTree(created.out()).get("id").asText()).startsWith("sha256:");
        assertThat(created.out() + created.err()).doesNotContain(key.secret);

        Result used = cli.run("request", "alg/search", "/1/indexes");
        assertThat(used.exit()).as(used.toString()).isZero();
        RecordedRequest sent = fake.requests("GET").get(0);
        assertThat(sent.getHeaders().get("x-algolia-api-key")).isEqualTo(key.secret);
        assertThat(sent.getHeaders().get("x-algolia-application-id")).isEqualTo(AlgoliaFake.APP_ID);

        Result listed = cli.run("list", "alg", "--remote", "--json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        JsonNode rows = Json.mapper().readTree(listed.out());
        assertThat(rows).hasSize(4);
        assertThat(rows.findValuesAsText("id")).allMatch(id -> id.startsWith("sha256:"));
        assertThat(rows.findValuesAsText("remote")).contains("tracked");
        for (FakeApi.Key k : fake.keys.values()) {
            assertThat(listed.out() + listed.err()).doesNotContain(k.secret);
        }

        Result revoked = cli.run("-v", "revoke", "alg/search", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(fake.keys).doesNotContainKey(key.id).hasSize(3);
        assertThat(fake.requests("DELETE").get(0).getUrl().encodedPath()).isEqualTo("/1/keys/" + key.secret);
        assertThat(revoked.out() + revoked.err()).doesNotContain(key.secret);

        // Nothing apikey wrote holds the secret: metadata, journal, audit log.
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(key.secret);
            }
        }
    }

    /**
     * {@code --expires 30d} becomes Algolia's {@code validity} in seconds, so the key dies at Algolia exactly when
     * {@code list} says it expires; a rotation gives the new key the same lifetime from the moment it is made.
     */
    @Test
    void aKeyLivesAtAlgoliaAsLongAsApikeyPromisesAndARotationGetsTheSameLifetime() throws Exception {
        Instant start = cli.clock().instant();
        Result created = cli.run("create", "alg/short", "--scope", "search", "--expires", "30d");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(validitySent()).isEqualTo(30L * 86400);
        assertThat(promisedExpiry()).isEqualTo(start.plus(Duration.ofDays(30))).isEqualTo(onlyKey().expiresAt);

        cli.clock().advance(Duration.ofDays(10));
        fake.clearRequests();
        Result rotated = cli.run("rotate", "alg/short");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        assertThat(validitySent()).isEqualTo(30L * 86400);
        Instant promised = promisedExpiry();
        assertThat(promised).isEqualTo(start.plus(Duration.ofDays(40))).isEqualTo(onlyKey().expiresAt);

        cli.clock().advance(Duration.between(cli.clock().instant(), promised).minusSeconds(1));
        Result lastSecond = cli.run("request", "alg/short", "/1/indexes");
        assertThat(lastSecond.exit()).as(lastSecond.toString()).isZero();
        cli.clock().advance(Duration.ofSeconds(1));
        Result expired = cli.run("request", "alg/short", "/1/indexes");
        assertThat(expired.exit()).as(expired.toString()).isEqualTo(1);
        assertThat(expired.err()).contains("HTTP 403");
    }

    @Test
    void aKeyCreatedWithoutExpiresIsSentWithoutAValidityAndNeverExpires() throws Exception {
        Result created = cli.run("create", "alg/forever", "--scope", "search");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(sentBody().has("validity")).as(sentBody().toString()).isFalse();
        assertThat(onlyKey().expiresAt).isNull();
        assertThat(promisedExpiry()).isNull();
    }

    private JsonNode sentBody() throws Exception {
        return Json.mapper().readTree(fake.requests("POST").get(0).getBody().string(StandardCharsets.UTF_8));
    }

    private long validitySent() throws Exception {
        JsonNode validity = sentBody().get("validity");
        assertThat(validity).as(sentBody().toString()).isNotNull();
        assertThat(validity.isIntegralNumber()).as(sentBody().toString()).isTrue();
        return validity.asLong();
    }

    private FakeApi.Key onlyKey() {
        assertThat(fake.keys).hasSize(1);
        return fake.keys.values().iterator().next();
    }

    /** The expiry {@code list --json} shows for the one key, or null. */
    private Instant promisedExpiry() throws Exception {
        Result listed = cli.run("list", "--json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        JsonNode expiresAt = Json.mapper().readTree(listed.out()).get(0).get("expiresAt");
        return expiresAt == null || expiresAt.isNull() ? null : Instant.parse(expiresAt.asText());
    }
}
