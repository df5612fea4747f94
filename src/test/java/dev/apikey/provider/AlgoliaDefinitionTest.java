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
}
