package dev.apikey.provider;

import dev.apikey.core.Provider;
import dev.apikey.core.CreatedKey;
import dev.apikey.core.KeySpec;
import dev.apikey.core.RemoteKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.ProviderHarness;
import dev.apikey.testing.fakes.AcmeVaultFake;
import dev.apikey.testing.fakes.FakeApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A key service apikey has no code for, described only by the worked example of docs/providers.md
 * ({@code docs/examples/acme-vault.json}), through its whole lifecycle and the shared failure contract.
 */
class UserDefinedProviderTest extends ProviderContract<AcmeVaultFake> {
    static final Path DEFINITION = Path.of("docs/examples/acme-vault.json").toAbsolutePath();
    private static final String ADMIN = "acme-admin-0123456789abcdef";

    @Override
    protected AcmeVaultFake newFake() {
        return new AcmeVaultFake(ADMIN);
    }

    @Override
    protected String type() {
        return "http";
    }

    @Override
    protected String credential() {
        return ADMIN;
    }

    @Override
    protected List<String> addArgs() {
        return List.of("--file", DEFINITION.toString());
    }

    @Test
    void anIdWithControlCharactersIsShownEscapedInTablesAndTsv() {
        String hostile = "\n\u001b[2J";
        FakeApi.Key key = new FakeApi.Key("av-evil" + hostile, "console" + hostile + "\tname", "acme_live_x", java.time.Instant.parse("2026-01-01T00:00:00Z"));
        fake.keys.put(key.id, key);

        Result piped = cli.run("list", PROVIDER, "--remote");
        assertThat(piped.exit()).as(piped.toString()).isZero();
        assertThat(piped.out()).doesNotContain("\u001b").contains("\tav-evil\\n\\x1b[2J\t");
        assertThat(piped.out().lines().toList()).as(piped.out()).hasSize(1)
                .allSatisfy(l -> assertThat(l.split("\t", -1)).hasSize(7));

        Result table = cli.invocation().terminal(200).run("list", PROVIDER, "--remote");
        assertThat(table.exit()).as(table.toString()).isZero();
        assertThat(table.out()).doesNotContain("\u001b[2J").contains("av-evil\\n\\x1b[2J");
        assertThat(table.out().lines().toList()).as(table.out()).hasSize(2);
    }

    @Test
    void lifecycle() throws Exception {
        fake.seed(120);
        Result created = create("billing", "--description", "billing service", "--expires", "14d",
                "--scope", "read", "--scope", "write");
        assertThat(created.exit()).as(created.toString()).isZero();
        FakeApi.Key key = key("billing");
        assertThat(cli.keychain().item("apikey", PROVIDER + "/billing")).isEqualTo(key.secret).startsWith("acme_live_");
        RecordedRequest post = fake.requests("POST").get(0);
        assertThat(post.getUrl().encodedPath()).isEqualTo("/api/keys");
        assertThat(post.getHeaders().get("X-Acme-Admin")).isEqualTo(ADMIN);
        assertThat(Json.mapper().readTree(FakeApi.withoutMarker(post.getBody().string(StandardCharsets.UTF_8)))).isEqualTo(Json.mapper().readTree(
                "{\"label\":\"billing\",\"note\":\"billing service\",\"ttl_days\":14,\"permissions\":[\"read\",\"write\"]}"));
        JsonNode record = json(cli.run("list", "--json")).get(0);
        assertThat(record.get("expiresAt").asText()).isEqualTo("2026-01-29T10:00:00Z");

        Result listed = cli.run("list", PROVIDER, "--remote", "--json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        JsonNode rows = json(listed);
        assertThat(rows).hasSize(121);
        assertThat(fake.requests("GET")).extracting(r -> r.getUrl().queryParameter("page_token")).containsExactly(null, "pt50", "pt100");
        assertThat(fake.requests("GET")).extracting(r -> r.getUrl().queryParameter("limit")).containsOnly("50");

        Result shown = cli.run("provider", "show", PROVIDER, "--json");
        JsonNode view = Json.mapper().readTree(shown.out());
        assertThat(view.get("baseUrl").asText()).isEqualTo(fake.baseUrl());
        assertThat(view.get("header").asText()).isEqualTo("X-Api-Key");
        assertThat(view.get("envVars").toString()).isEqualTo("[\"ACME_KEY\",\"ACME_KEY_ID\"]");

        Result rotated = cli.run("rotate", PROVIDER + "/billing");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        FakeApi.Key next = key("billing");
        assertThat(fake.keys).doesNotContainKey(key.id);
        assertThat(FakeApi.withoutMarker(next.description)).isEqualTo("billing service");
        RecordedRequest verify = fake.requests("GET").get(3);
        assertThat(verify.getUrl().encodedPath()).isEqualTo("/api/whoami");
        assertThat(verify.getHeaders().get("X-Api-Key")).isEqualTo(next.secret);

        Result revoked = cli.run("revoke", PROVIDER + "/billing", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(fake.keys).hasSize(120);
        assertThat(fake.requests()).hasSize(1 + 3 + 1 + 1 + 2);
    }

    @Test
    void aCreateCarriesTheRecoveryMarkerAndTheListShowsIt() throws Exception {
        List<RemoteKey> listed = new ArrayList<>();
        Provider acme = open();
        assertThat(acme.carriesMarker()).isTrue();
        CreatedKey created = acme.create(new KeySpec("batch", "nightly", List.of(), null, Map.of(), "apikey-m-7f3a9c"));
        acme.list(listed::add);
        RemoteKey remote = listed.stream().filter(k -> k.id().equals(created.id())).findFirst().orElseThrow();
        assertThat(remote.description()).isEqualTo("nightly [apikey-m-7f3a9c]");
        assertThat(remote.carries("apikey-m-7f3a9c")).isTrue();
        assertThat(remote.carries("apikey-m-other")).isFalse();
    }

    @Test
    void aNextPageAtAnotherOriginIsRefused() throws Exception {
        Path evil = dir.resolve("evil.json");
        JsonNode def = Json.mapper().readTree(DEFINITION.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) def.at("/operations/list/pagination")).put("style", "nextUrl")
                .put("next", "/next");
        ((com.fasterxml.jackson.databind.node.ObjectNode) def.at("/operations/list/pagination")).remove(List.of("size", "sizeParam"));
        Files.writeString(evil, def.toString());
        assertThat(cli.run("provider", "add", "evil", "--type", "http", "--file", evil.toString(),
                "--base-url", fake.baseUrl()).exit()).isZero();
        cli.env("APIKEY_ADMIN_EVIL", ADMIN);
        try (AcmeVaultFake other = new AcmeVaultFake(ADMIN)) {
            fake.server().setDispatcher(new mockwebserver3.Dispatcher() {
                @Override
                public mockwebserver3.MockResponse dispatch(RecordedRequest request) {
                    return new mockwebserver3.MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                            .body("{\"items\":[],\"next\":\"" + other.baseUrl() + "/api/keys?page_token=pt1\"}").build();
                }
            });
            Result r = cli.run("list", "evil", "--remote");
            assertThat(r.exit()).as(r.toString()).isEqualTo(7);
            assertThat(r.err()).contains("another origin");
            assertThat(other.requests()).isEmpty();
        }
    }

    private Provider open() throws Exception {
        return ProviderHarness.open("http", fake.baseUrl(), ADMIN, Map.of(), Json.mapper().readTree(DEFINITION.toFile()));
    }

}
