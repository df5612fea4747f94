package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.provider.ProviderTypes;
import dev.apikey.core.RotationStyle;
import dev.apikey.provider.local.LocalProviderType;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.FakeKeychain.Fault;
import dev.apikey.testing.InMemoryProviderType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the core does with a remote provider: revoke order, failures, native rotation, remote listing. */
class RemoteProviderTest {
    @TempDir
    Path dir;
    CliRunner cli;
    InMemoryProviderType remote = new InMemoryProviderType("acme", RotationStyle.REPLACE);
    InMemoryProviderType rolling = new InMemoryProviderType("roller", RotationStyle.NATIVE);

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir).providerTypes(new ProviderTypes(List.of(new LocalProviderType(), remote, rolling)));
    }

    private String stored(String ref) {
        return cli.keychain().item("apikey", ref);
    }

    @Test
    void rotationStoresTheNewKeyThenRevokesTheOld() {
        assertThat(cli.run("create", "acme/bot").exit()).isZero();
        String old = stored("acme/bot");
        Result r = cli.run("rotate", "acme/bot");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(remote.calls()).containsExactly("create", "create", "revoke");
        assertThat(remote.accepts(old)).isFalse();
        assertThat(remote.accepts(stored("acme/bot"))).isTrue();
        assertThat(remote.keys()).hasSize(1);
    }

    @Test
    void aFailedCreateLeavesTheOldKeyInPlace() {
        cli.run("create", "acme/bot");
        String old = stored("acme/bot");
        remote.failing("create");
        Result r = cli.run("rotate", "acme/bot");
        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(stored("acme/bot")).isEqualTo(old);
        assertThat(remote.accepts(old)).isTrue();
    }

    @Test
    void aFailedRevokeKeepsTheOldKeyPendingForFinish() throws Exception {
        cli.run("create", "acme/bot");
        String oldId = remote.keys().keySet().iterator().next();
        remote.failing("revoke");
        Result r = cli.run("rotate", "acme/bot");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("warning:").contains("rotate --finish");
        assertThat(cli.run("status", "--check").exit()).isEqualTo(8);

        remote.healed();
        Result finish = cli.run("rotate", "--finish", "--json");
        assertThat(finish.exit()).as(finish.toString()).isZero();
        assertThat(remote.keys()).doesNotContainKey(oldId).hasSize(1);
        assertThat(cli.run("status", "--check").exit()).isZero();
    }

    @Test
    void aStoreThatRefusesTheNewSecretSavesItToARecoveryFile() throws Exception {
        cli.run("create", "acme/bot");
        String old = stored("acme/bot");
        cli.keychain().fault(Fault.REFUSES_SECRETS);
        Result r = cli.run("rotate", "acme/bot");
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        Path recovery = dir.resolve("recovery/acme+bot.json");
        assertThat(r.err()).contains(recovery.toString());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(recovery)))
                .isEqualTo("rw-------");
        String newSecret = Json.mapper().readTree(recovery.toFile()).get("secret").asText();
        assertThat(remote.accepts(newSecret)).as("the secret in the recovery file works").isTrue();
        assertThat(cli.run("status", "--check").exit()).isEqualTo(8);
        cli.keychain().fault(Fault.NONE);
        assertThat(stored("acme/bot")).isEqualTo(old);
        assertThat(remote.accepts(old)).as("the old key is not revoked").isTrue();
    }

    @Test
    void aStoreThatRefusesWritesIsFoundBeforeTheProviderMakesAKey() {
        cli.keychain().fault(Fault.REFUSES_WRITES);
        Result r = cli.run("create", "acme/bot");
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(remote.calls()).isEmpty();
    }

    @Test
    void nativeRotationRefusesGraceAndRotatesInPlace() {
        cli.run("create", "roller/bot");
        String old = stored("roller/bot");
        Result grace = cli.run("rotate", "roller/bot", "--grace", "1h");
        assertThat(grace.exit()).as(grace.toString()).isEqualTo(2);
        assertThat(grace.err()).contains("--grace").contains("invalidates the old secret at once");
        assertThat(stored("roller/bot")).isEqualTo(old);

        Result r = cli.run("rotate", "roller/bot");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(rolling.calls()).containsExactly("create", "rotate");
        assertThat(rolling.accepts(stored("roller/bot"))).isTrue();
        assertThat(rolling.accepts(old)).isFalse();
    }

    @Test
    void revokeRevokesAtTheProviderThenForgets() {
        cli.run("create", "acme/bot");
        assertThat(cli.run("revoke", "acme/bot", "--yes").exit()).isZero();
        assertThat(remote.keys()).isEmpty();
        assertThat(stored("acme/bot")).isNull();
    }

    @Test
    void aFailedRevokeForgetsNothing() {
        cli.run("create", "acme/bot");
        remote.failing("revoke");
        assertThat(cli.run("revoke", "acme/bot", "--yes").exit()).isEqualTo(6);
        assertThat(stored("acme/bot")).isNotNull();
        assertThat(cli.run("get", "acme/bot").exit()).isZero();
    }

    @Test
    void listRemoteMarksTrackedUntrackedAndMissing() throws Exception {
        cli.run("create", "acme/tracked");
        cli.run("create", "acme/gone");
        String goneId = Json.mapper().readTree(cli.run("list", "--json").out()).get(0).get("id").asText();
        remote.keys().remove(goneId);
        remote.keys().put("elsewhere", new InMemoryProviderType.RemoteState("elsewhere", "made-in-console", "sk-x"));
        Result r = cli.run("list", "acme", "--remote", "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode rows = Json.mapper().readTree(r.out());
        assertThat(rows).extracting(n -> n.get("name").asText() + "=" + n.get("remote").asText())
                .containsExactlyInAnyOrder("tracked=tracked", "made-in-console=untracked", "gone=missing");
        assertThat(r.out()).doesNotContain(stored("acme/tracked")).doesNotContain(stored("acme/gone"));
    }

    @Test
    void aProviderOutageIsExitSixAndChangesNothingLocally() throws Exception {
        remote.failing("create");
        Result r = cli.run("create", "acme/bot");
        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(dir.resolve("keys.json")).doesNotExist();
        assertThat(stored("acme/bot")).isNull();
        assertThat(Files.exists(dir.resolve("recovery"))).isFalse();
    }
}
