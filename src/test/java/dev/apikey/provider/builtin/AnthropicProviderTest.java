package dev.apikey.provider.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.AnthropicFake;
import dev.apikey.testing.fakes.FakeApi;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anthropic's API keys, which its Admin API lists and deactivates but cannot make: a definition without create.
 * Keys made in the Console are imported, used, listed and revoked; making or rotating one says where to go instead.
 */
class AnthropicProviderTest {
    private static final String ADMIN = "sk-ant-admin01-management-0123456789abcdef";
    @TempDir
    Path dir;
    CliRunner cli;
    AnthropicFake fake;

    @BeforeEach
    void setUp() {
        fake = new AnthropicFake(ADMIN);
        cli = new CliRunner(dir);
        Result added = cli.run("provider", "add", "claude", "--type", "anthropic", "--base-url", fake.baseUrl());
        assertThat(added.exit()).as(added.toString()).isZero();
        cli.env("APIKEY_ADMIN_CLAUDE", ADMIN);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void consoleKeysAreImportedUsedListedAndRevoked() throws Exception {
        fake.seed(1205);
        FakeApi.Key key = fake.keyList().get(7);
        Result imported = cli.invocation().stdin(key.secret + "\n").run("import", "claude/chat", "--id", key.id);
        assertThat(imported.exit()).as(imported.toString()).isZero();

        Result used = cli.run("request", "claude/chat", "/v1/messages", "-f", "model=claude-sonnet-4-5", "-F", "max_tokens=16");
        assertThat(used.exit()).as(used.toString()).isZero();
        RecordedRequest message = fake.requests("POST").get(0);
        assertThat(message.getHeaders().get("x-api-key")).isEqualTo(key.secret);
        assertThat(message.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(used.out() + used.err()).doesNotContain(key.secret).doesNotContain(ADMIN);

        Result listed = cli.run("list", "claude", "--remote", "--json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        JsonNode rows = Json.mapper().readTree(listed.out());
        assertThat(rows).hasSize(1205);
        List<RecordedRequest> pages = fake.requests("GET");
        assertThat(pages).extracting(r -> r.getUrl().queryParameter("limit")).containsOnly("1000");
        assertThat(pages).extracting(r -> r.getUrl().queryParameter("status")).containsOnly("active");
        assertThat(pages.get(1).getUrl().queryParameter("after_id")).isEqualTo(rows.get(999).get("id").asText());
        assertThat(pages).allSatisfy(r -> assertThat(r.getHeaders().get("x-api-key")).isEqualTo(ADMIN));

        Result revoked = cli.run("revoke", "claude/chat", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        RecordedRequest update = fake.requests("POST").get(1);
        assertThat(update.getUrl().encodedPath()).isEqualTo("/v1/organizations/api_keys/" + key.id);
        assertThat(update.getBody().string(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"inactive\"}");
        assertThat(key.extra).containsEntry("status", "inactive");
        assertThat(fake.keys).hasSize(1205); // deactivated, not deleted: the Console can turn it back on
    }

    @Test
    void revokingForGoodArchivesTheKey() {
        assertThat(cli.run("provider", "add", "claude-archive", "--type", "anthropic", "--base-url", fake.baseUrl(),
                "--param", "revokeStatus=archived").exit()).isZero();
        cli.env("APIKEY_ADMIN_CLAUDE_ARCHIVE", ADMIN);
        fake.seed(1);
        FakeApi.Key key = fake.keyList().get(0);
        assertThat(cli.invocation().stdin(key.secret + "\n").run("import", "claude-archive/k", "--id", key.id).exit()).isZero();
        Result revoked = cli.run("revoke", "claude-archive/k", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(key.extra).containsEntry("status", "archived");
    }

    @Test
    void aKeyCannotBeMadeOrRotatedThroughTheApi() {
        Result created = cli.run("create", "claude/new");
        assertThat(created.exit()).as(created.toString()).isEqualTo(2);
        assertThat(created.err()).contains("cannot be made through its API").contains("apikey import claude/");
        fake.seed(1);
        FakeApi.Key key = fake.keyList().get(0);
        assertThat(cli.invocation().stdin(key.secret + "\n").run("import", "claude/k", "--id", key.id).exit()).isZero();
        Result rotated = cli.run("rotate", "claude/k");
        assertThat(rotated.exit()).as(rotated.toString()).isNotZero();
        assertThat(rotated.err()).contains("cannot be made through its API");
        assertThat(fake.requests("POST")).isEmpty();
        assertThat(key.extra).containsEntry("status", "active");
    }

    @Test
    void aRefusedAdminKeyExits4WithAnthropicsMessage() {
        cli.env("APIKEY_ADMIN_CLAUDE", "sk-ant-admin01-wrong");
        Result r = cli.run("list", "claude", "--remote");
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("invalid x-api-key").contains("HTTP 401").doesNotContain("sk-ant-admin01-wrong");
    }
}
