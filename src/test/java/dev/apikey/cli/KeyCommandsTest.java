package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each key command's output rules, JSON shape and effects. */
class KeyCommandsTest {
    @TempDir
    Path dir;
    CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
    }

    private JsonNode json(Result r) throws Exception {
        assertThat(r.exit()).as(r.toString()).isZero();
        return Json.mapper().readTree(r.out());
    }

    private String secret(String ref) {
        return cli.keychain().item("apikey", ref);
    }

    @Test
    void listJsonHasTheStableFieldsAndAnEmptyListIsAnEmptyArray() throws Exception {
        assertThat(cli.run("list", "--json").out()).isEqualTo("[]\n");
        cli.run("create", "local/demo", "--expires", "2027-01-31", "--description", "for tests", "--scope", "read");
        JsonNode key = json(cli.run("list", "--json")).get(0);
        assertThat(key.fieldNames()).toIterable().contains("ref", "provider", "name", "id", "createdAt", "expiresAt",
                "rotatedAt", "status", "hint");
        assertThat(key.get("provider").asText()).isEqualTo("local");
        assertThat(key.get("name").asText()).isEqualTo("demo");
        assertThat(key.get("expiresAt").asText()).isEqualTo("2027-01-31T00:00:00Z");
        assertThat(key.get("createdAt").asText()).isEqualTo("2026-01-15T10:00:00Z");
        assertThat(key.get("rotatedAt").isNull()).isTrue();
        assertThat(key.get("status").asText()).isEqualTo("active");
        assertThat(key.get("description").asText()).isEqualTo("for tests");
        assertThat(key.get("scopes").get(0).asText()).isEqualTo("read");
    }

    @Test
    void listFiltersByProviderAndShowsExpiry() throws Exception {
        cli.run("provider", "add", "svc", "--type", "local", "--base-url", "https://api.mine.dev");
        cli.run("create", "local/a", "--expires", "1d");
        cli.run("create", "svc/b");
        assertThat(json(cli.run("list", "svc", "--json"))).extracting(n -> n.get("ref").asText()).containsExactly("svc/b");
        cli.clock().advance(Duration.ofDays(2));
        JsonNode all = json(cli.run("list", "--json"));
        assertThat(all).extracting(n -> n.get("ref").asText() + "=" + n.get("status").asText())
                .containsExactly("local/a=expired", "svc/b=active");
    }

    @Test
    void offATerminalListPrintsFullTabSeparatedRowsWithoutHeader() {
        cli.run("create", "local/a-rather-long-key-name-for-testing-purposes", "--description", "x");
        String out = cli.run("list").out();
        assertThat(out).doesNotContain("REF");
        String[] cells = out.strip().split("\t");
        assertThat(cells[0]).isEqualTo("local/a-rather-long-key-name-for-testing-purposes");
        assertThat(cells[1]).isEqualTo("active");
        assertThat(cells[3]).isEqualTo("2026-01-15T10:00:00Z");
    }

    @Test
    void onATerminalTheTableFitsTheWidthAndHasAHeader() {
        for (int i = 0; i < 3; i++) {
            cli.run("create", "local/a-rather-long-key-name-for-testing-purposes-" + i, "--expires", "30d");
        }
        for (int width : new int[] {40, 80, 200}) {
            String out = cli.invocation().terminal(width).run("list").out();
            List<String> lines = out.lines().map(l -> l.replaceAll("\u001b\\[[0-9;]*m", "")).toList();
            assertThat(lines.get(0)).contains("REF").contains("STATUS");
            assertThat(lines).hasSize(4);
            if (width >= 80) {
                assertThat(lines).allSatisfy(l -> assertThat(l.codePointCount(0, l.length())).isLessThanOrEqualTo(width));
            }
            if (width == 200) {
                assertThat(lines.get(1)).contains("in 30 days");
            }
        }
    }

    @Test
    void colourOnATerminalOnlyAndNeverWithNoColor() {
        cli.run("create", "local/demo");
        assertThat(cli.invocation().terminal(120).run("list").out()).contains("\u001b[");
        assertThat(cli.invocation().terminal(120).env("NO_COLOR", "1").run("list").out()).doesNotContain("\u001b[");
        assertThat(cli.run("list").out()).doesNotContain("\u001b[");
    }

    @Test
    void importReadsStdinOrAMaskedPromptNeverArguments() {
        Result piped = cli.invocation().stdin("sk-piped-0123456789abcdef\n").run("import", "local/piped", "--id", "key_1");
        assertThat(piped.exit()).as(piped.toString()).isZero();
        assertThat(secret("local/piped")).isEqualTo("sk-piped-0123456789abcdef");

        Result prompted = cli.invocation().terminal(80).answer("sk-typed-0123456789abcdef").run("import", "local/typed");
        assertThat(prompted.exit()).as(prompted.toString()).isZero();
        assertThat(prompted.prompts()).singleElement().asString().contains("local/typed");
        assertThat(secret("local/typed")).isEqualTo("sk-typed-0123456789abcdef");
        assertThat(prompted.out() + prompted.err()).doesNotContain("sk-typed-0123456789abcdef");

        Result twoLines = cli.invocation().stdin("a-secret-line\nanother\n").run("import", "local/two");
        assertThat(twoLines.exit()).isEqualTo(2);
    }

    @Test
    void rotateReplacesTheSecretAndKeepsTheLifetime() throws Exception {
        cli.run("create", "local/demo", "--expires", "90d");
        String before = secret("local/demo");
        cli.clock().advance(Duration.ofDays(30));
        JsonNode results = json(cli.run("rotate", "local/demo", "--json"));
        assertThat(results.get(0).get("result").asText()).isEqualTo("rotated");
        assertThat(secret("local/demo")).isNotEqualTo(before);
        JsonNode key = json(cli.run("list", "--json")).get(0);
        assertThat(key.get("rotatedAt").asText()).isEqualTo("2026-02-14T10:00:00Z");
        assertThat(key.get("expiresAt").asText()).isEqualTo("2026-05-15T10:00:00Z");
    }

    @Test
    void graceKeepsTheOldSecretUntilFinishRevokesIt() throws Exception {
        cli.run("create", "local/demo");
        String old = secret("local/demo");
        String oldId = json(cli.run("list", "--json")).get(0).get("id").asText();
        assertThat(cli.run("rotate", "local/demo", "--grace", "1h").exit()).isZero();
        assertThat(cli.keychain().item("apikey", "local/demo#" + oldId)).isEqualTo(old);
        JsonNode pending = json(cli.run("list", "--json")).get(0).get("pendingRevocations").get(0);
        assertThat(pending.get("id").asText()).isEqualTo(oldId);
        assertThat(pending.get("revokeAfter").asText()).isEqualTo("2026-01-15T11:00:00Z");

        assertThat(json(cli.run("rotate", "--finish", "--json"))).isEmpty();
        assertThat(cli.keychain().item("apikey", "local/demo#" + oldId)).isEqualTo(old);
        Result check = cli.run("status", "--check");
        assertThat(check.exit()).as("a running grace period needs no action").isZero();

        cli.clock().advance(Duration.ofMinutes(61));
        assertThat(cli.run("status", "--check").exit()).isEqualTo(8);
        JsonNode finished = json(cli.run("rotate", "--finish", "--json"));
        assertThat(finished.get(0).get("result").asText()).isEqualTo("revoked");
        assertThat(cli.keychain().item("apikey", "local/demo#" + oldId)).isNull();
        assertThat(json(cli.run("list", "--json")).get(0).get("pendingRevocations")).isEmpty();
        assertThat(cli.run("status", "--check").exit()).isZero();
    }

    @Test
    void rotateSelectsByAgeAndDryRunChangesNothing() throws Exception {
        cli.run("create", "local/old");
        cli.clock().advance(Duration.ofDays(100));
        cli.run("create", "local/new");
        String before = secret("local/old");
        JsonNode planned = json(cli.run("rotate", "--older-than", "90d", "--dry-run", "--json"));
        assertThat(planned).extracting(n -> n.get("ref").asText() + ":" + n.get("result").asText())
                .containsExactly("local/old:would-rotate");
        assertThat(secret("local/old")).isEqualTo(before);
        JsonNode done = json(cli.run("rotate", "--older-than", "90d", "--json"));
        assertThat(done).extracting(n -> n.get("ref").asText()).containsExactly("local/old");
        assertThat(secret("local/old")).isNotEqualTo(before);
    }

    @Test
    void dueKeysAreThoseOlderThanTheirOwnOrTheirProvidersMaxAge() throws Exception {
        cli.run("provider", "add", "svc", "--type", "local", "--param", "maxAge=30d");
        cli.run("create", "local/own", "--max-age", "7d");
        cli.run("create", "local/none");
        cli.run("create", "svc/inherits");
        assertThat(json(cli.run("list", "--json")).get(1).get("maxAge").asText()).isEqualTo("PT168H");
        cli.clock().advance(Duration.ofDays(8));
        assertThat(json(cli.run("rotate", "--due", "--dry-run", "--json")))
                .extracting(n -> n.get("ref").asText()).containsExactly("local/own");
        assertThat(cli.run("status", "--check").exit()).isEqualTo(8);
        cli.clock().advance(Duration.ofDays(30));
        assertThat(json(cli.run("rotate", "--due", "--json")))
                .extracting(n -> n.get("ref").asText() + ":" + n.get("result").asText())
                .containsExactly("local/own:rotated", "svc/inherits:rotated");
        assertThat(json(cli.run("rotate", "--due", "--json"))).isEmpty();
        assertThat(cli.run("status", "--check").exit()).isZero();
    }

    @Test
    void oneFailedRotationDoesNotStopTheOthersAndSetsTheExitCode() throws Exception {
        cli.run("create", "local/a");
        cli.run("create", "local/b");
        String a = secret("local/a");
        Result r = cli.run("rotate", "local/missing", "local/a", "--json");
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        JsonNode results = Json.mapper().readTree(r.out());
        assertThat(results).extracting(n -> n.get("result").asText()).containsExactly("failed", "rotated");
        assertThat(r.err()).contains("apikey: local/missing:");
        assertThat(secret("local/a")).isNotEqualTo(a);
    }

    @Test
    void revokeKeepLocalMarksTheKeyRevoked() throws Exception {
        cli.run("create", "local/demo");
        Result r = cli.run("revoke", "local/demo", "--yes", "--keep-local");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(json(cli.run("list", "--json")).get(0).get("status").asText()).isEqualTo("revoked");
        assertThat(cli.run("rotate", "local/demo").exit()).isEqualTo(2);
        assertThat(cli.run("revoke", "local/demo", "--yes").exit()).isZero();
        assertThat(json(cli.run("list", "--json"))).isEmpty();
    }

    @Test
    void theConfigDirectoryIsOwnerOnly() throws Exception {
        Path config = dir.resolve("fresh/apikey");
        cli.env("APIKEY_CONFIG_DIR", config.toString());
        cli.run("create", "local/demo");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.walk(config)) {
            for (Path f : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                        .isEqualTo(Files.isDirectory(f) ? "rwx------" : "rw-------");
            }
        }
    }

    @Test
    void theConfigDirectoryComesFromTheFlagThenTheEnvironmentThenXdg() {
        cli.env("APIKEY_CONFIG_DIR", null).env("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        cli.run("create", "local/in-xdg");
        assertThat(dir.resolve("xdg/apikey/keys.json")).exists();
        cli.env("APIKEY_CONFIG_DIR", dir.resolve("env").toString());
        cli.run("create", "local/in-env");
        assertThat(dir.resolve("env/keys.json")).exists();
        cli.run("--config-dir", dir.resolve("flag").toString(), "create", "local/in-flag");
        assertThat(dir.resolve("flag/keys.json")).exists();
    }

    @Test
    void theAuditLogRecordsEveryChangeAndUseWithoutSecrets() throws Exception {
        cli.run("create", "local/demo");
        cli.run("get", "local/demo");
        cli.run("rotate", "local/demo");
        cli.run("forget", "local/demo", "--yes");
        JsonNode log = json(cli.run("log", "--json"));
        assertThat(log).extracting(n -> n.get("action").asText()).containsExactly("create", "get", "rotate", "forget");
        assertThat(log).allSatisfy(n -> assertThat(n.get("ref").asText()).isEqualTo("local/demo"));
        assertThat(json(cli.run("log", "local/other", "--json"))).isEmpty();
        assertThat(Files.readString(dir.resolve("audit.log"))).doesNotContain("ak_");
    }

    @Test
    void statusReportsWithoutChangingAnything() throws Exception {
        cli.run("create", "local/soon", "--expires", "10d");
        cli.run("create", "local/later", "--expires", "60d");
        byte[] keys = Files.readAllBytes(dir.resolve("keys.json"));
        java.util.Map<String, String> items = new java.util.HashMap<>(cli.keychain().items());
        int keychainWrites = cli.keychain().writes();
        Result r = cli.run("status", "--json");
        JsonNode report = json(r);
        assertThat(report.get("backends").get(0).get("available").asBoolean()).as(r.toString()).isTrue();
        assertThat(report.get("findings")).extracting(n -> n.get("kind").asText() + " " + n.get("ref").asText())
                .containsExactly("expiring local/soon");
        assertThat(report.get("backends").get(0).get("backend").asText()).isEqualTo("keychain");
        assertThat(cli.run("status", "--check").exit()).isEqualTo(8);
        assertThat(cli.run("status", "--check", "--warn", "5d").exit()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("keys.json"))).isEqualTo(keys);
        assertThat(cli.keychain().writes()).as("status writes nothing to the keychain, not even a marker")
                .isEqualTo(keychainWrites);
        assertThat(cli.keychain().items()).isEqualTo(items);
    }

    @Test
    void aSecretAppearsOnlyInGetsOutput() {
        List<Result> results = new ArrayList<>();
        results.add(cli.run("create", "local/demo", "--json", "-v"));
        String s = secret("local/demo");
        results.add(cli.run("list", "--json", "-v"));
        results.add(cli.run("list", "-v"));
        results.add(cli.invocation().terminal(200).run("list", "-v"));
        results.add(cli.run("rotate", "local/demo", "--grace", "1d", "--json", "-v"));
        results.add(cli.run("status", "--json", "-v"));
        results.add(cli.run("status", "-v"));
        results.add(cli.run("log", "--json", "-v"));
        results.add(cli.run("provider", "show", "local", "--json", "-v"));
        results.add(cli.run("get", "local/demo", "--json"));
        String current = secret("local/demo");
        for (Result r : results) {
            assertThat(r.out() + r.err()).as(r.toString()).doesNotContain(s).doesNotContain(current);
        }
        assertThat(cli.run("get", "local/demo").out()).isEqualTo(current + "\n");
    }
}
