package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.FakeKeychain.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where secrets go: --backend, APIKEY_BACKEND, the config, the keychain when reachable — never plain text. */
class BackendChoiceTest {
    @TempDir
    Path dir;
    CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
    }

    @AfterEach
    void tearDown() {
        cli.keychain().release();
    }

    @Test
    void theKeychainByDefault() {
        Result r = cli.run("create", "local/demo");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(cli.keychain().item("apikey", "local/demo")).isNotNull();
        assertThat(dir.resolve("secrets.enc")).doesNotExist();
    }

    @Test
    void everyInvocationClosesTheKeychainItOpened() {
        // A D-Bus connection left open makes the JVM wait 300 ms at exit for its reader thread.
        for (String[] args : new String[][] {{"create", "local/demo"}, {"get", "local/demo"}, {"get", "local/none"},
                {"status"}, {"forget", "local/demo", "--yes"}}) {
            Result r = cli.run(args);
            assertThat(cli.keychain().openConnections()).as(r.toString()).isZero();
        }
        assertThat(cli.keychain().opens()).as("create, get, status and forget open the keychain").isGreaterThanOrEqualTo(4);
    }

    @Test
    void noKeychainInAScriptIsExitFiveWithAHint() {
        cli.keychain().fault(Fault.UNREACHABLE);
        Result r = cli.run("create", "local/demo");
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("no keychain is reachable").contains("APIKEY_BACKEND=file")
                .contains("APIKEY_PASSPHRASE");
        assertThat(dir.resolve("keys.json")).doesNotExist();
        assertThat(dir.resolve("secrets.enc")).doesNotExist();
    }

    @Test
    void noKeychainOnATerminalOffersTheFileStoreAndRemembersTheChoice() throws Exception {
        cli.keychain().fault(Fault.UNREACHABLE);
        Result r = cli.invocation().terminal(80).answer("y", "pass phrase", "pass phrase").run("create", "local/demo");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.prompts()).hasSize(3);
        assertThat(r.prompts().get(0)).contains("encrypted file");
        assertThat(Files.readString(dir.resolve("config.json"))).contains("\"backend\" : \"file\"");
        assertThat(dir.resolve("secrets.enc")).exists();

        Result again = cli.invocation().env("APIKEY_PASSPHRASE", "pass phrase").run("create", "local/second");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.prompts()).isEmpty();
        assertThat(cli.invocation().env("APIKEY_PASSPHRASE", "pass phrase").run("get", "local/second").exit()).isZero();
    }

    @Test
    void decliningTheFileStoreIsCancelled() {
        cli.keychain().fault(Fault.UNREACHABLE);
        Result r = cli.invocation().terminal(80).answer("n").run("create", "local/demo");
        assertThat(r.exit()).as(r.toString()).isEqualTo(130);
        assertThat(dir.resolve("config.json")).doesNotExist();
        assertThat(dir.resolve("keys.json")).doesNotExist();
    }

    @Test
    void aLockedKeychainIsAnErrorNotAReasonToSwitch() {
        cli.keychain().fault(Fault.LOCKED);
        Result r = cli.invocation().terminal(80).answer("y").run("create", "local/demo");
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.prompts()).isEmpty();
        assertThat(r.err()).contains("locked");
        assertThat(dir.resolve("secrets.enc")).doesNotExist();
    }

    @Test
    void aHangingKeychainTimesOutWithExitFive() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"keychainTimeout\":\"PT0.3S\"}");
        cli.keychain().fault(Fault.HANGS);
        Result r = cli.run("create", "local/demo");
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("did not answer within 300 ms");
    }

    @Test
    void flagBeatsEnvironmentBeatsConfig() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"backend\":\"keychain\"}");
        cli.env("APIKEY_PASSPHRASE", "pw");
        cli.invocation().env("APIKEY_BACKEND", "file").run("create", "local/from-env");
        assertThat(cli.keychain().item("apikey", "local/from-env")).isNull();
        assertThat(dir.resolve("secrets.enc")).exists();

        cli.invocation().env("APIKEY_BACKEND", "file").run("--backend", "keychain", "create", "local/from-flag");
        assertThat(cli.keychain().item("apikey", "local/from-flag")).isNotNull();
    }

    @Test
    void aKeyIsAlwaysReadFromTheBackendThatHoldsIt() {
        cli.env("APIKEY_PASSPHRASE", "pw");
        assertThat(cli.run("--backend", "file", "create", "local/in-file").exit()).isZero();
        // The keychain is now unusable, and the default points at it: reading the file key still works.
        cli.keychain().fault(Fault.LOCKED);
        Result r = cli.run("get", "local/in-file");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("ak_");
    }

    @Test
    void theEnvironmentOverridesTheStoreAndVerboseSaysSo() {
        cli.run("create", "local/demo");
        Result r = cli.invocation().env("APIKEY_SECRET_LOCAL_DEMO", "from-the-environment-123").run("get", "local/demo", "-v");
        assertThat(r.out()).isEqualTo("from-the-environment-123\n");
        assertThat(r.err()).contains("APIKEY_SECRET_LOCAL_DEMO").doesNotContain("from-the-environment-123");
    }

    @Test
    void theEnvironmentSuppliesKeysThisMachineHasNoMetadataFor() {
        Result r = cli.invocation().env("APIKEY_SECRET_OPENAI_CI_BOT", "sk-ci-0123456789").run("get", "openai/ci-bot");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("sk-ci-0123456789\n");
    }

    @Test
    void twoRefsMappingToOneVariableAreAUsageError() {
        cli.run("create", "local/my-svc");
        cli.run("create", "local/my.svc");
        Result r = cli.invocation().env("APIKEY_SECRET_LOCAL_MY_SVC", "ambiguous-value-123").run("get", "local/my-svc");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("local/my-svc").contains("local/my.svc").contains("APIKEY_SECRET_LOCAL_MY_SVC");
    }

    @Test
    void theEnvBackendReadsOnly() {
        Result r = cli.invocation().env("APIKEY_SECRET_LOCAL_X", "value-0123456789").run("--backend", "env", "get", "local/x");
        assertThat(r.exit()).as(r.toString()).isZero();
        Result write = cli.invocation().stdin("value-0123456789\n").run("--backend", "env", "import", "local/y");
        assertThat(write.exit()).as(write.toString()).isEqualTo(2);
        assertThat(write.err()).contains("read-only");
    }
}
