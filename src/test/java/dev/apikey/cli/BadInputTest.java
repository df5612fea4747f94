package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad input gets one clear line, a hint where it helps, its exit code, and no stack trace. */
class BadInputTest {
    @TempDir
    Path dir;
    CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
        assertThat(cli.run("create", "local/existing").exit()).isZero();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(2, "invalid key reference", new String[] {"create", "no-slash"}),
                Arguments.of(2, "invalid key name", new String[] {"create", "local/-dash-first"}),
                Arguments.of(2, "invalid provider name", new String[] {"get", "bad provider/x"}),
                Arguments.of(2, "Unknown option", new String[] {"list", "--frobnicate"}),
                Arguments.of(2, "Missing required parameter", new String[] {"get"}),
                Arguments.of(2, "invalid duration", new String[] {"create", "local/x", "--expires", "soon"}),
                Arguments.of(2, "in the past", new String[] {"create", "local/x", "--expires", "2001-01-01"}),
                Arguments.of(2, "already exists", new String[] {"create", "local/existing"}),
                Arguments.of(2, "without confirmation", new String[] {"forget", "local/existing"}),
                Arguments.of(2, "without confirmation", new String[] {"revoke", "local/existing"}),
                Arguments.of(2, "unknown secret store backend", new String[] {"--backend", "vault", "create", "local/x"}),
                Arguments.of(2, "read-only", new String[] {"--backend", "env", "create", "local/x"}),
                Arguments.of(2, "no JSON form", new String[] {"get", "local/existing", "--json"}),
                Arguments.of(2, "nothing to rotate", new String[] {"rotate"}),
                Arguments.of(3, "no key local/missing", new String[] {"get", "local/missing"}),
                Arguments.of(3, "no key local/missing", new String[] {"forget", "local/missing", "--yes"}),
                Arguments.of(3, "no key local/missing", new String[] {"rotate", "local/missing"}),
                Arguments.of(3, "no provider named nowhere", new String[] {"create", "nowhere/key"}),
                Arguments.of(3, "no provider named nowhere", new String[] {"provider", "show", "nowhere"}),
                Arguments.of(3, "no provider named nowhere", new String[] {"list", "nowhere"}),
                Arguments.of(3, "no provider named http", new String[] {"create", "http/key"}),
                Arguments.of(3, "no provider named nowhere", new String[] {"list", "nowhere", "--remote"}),
                Arguments.of(2, "unknown provider type", new String[] {"provider", "add", "x", "--type", "bogus"}),
                Arguments.of(7, "plain http", new String[] {"provider", "add", "x", "--type", "local", "--base-url", "http://example.com"}));
    }

    @ParameterizedTest(name = "{2} -> {0}")
    @MethodSource("cases")
    void failsClearly(int exit, String message, String[] args) {
        Result r = cli.run(args);
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertThat(r.err()).as(r.toString()).startsWith("apikey: ").contains(message);
        assertThat(r.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.out()).as("nothing on stdout").isEmpty();
    }

    @Test
    void aStackTraceOnlyWithVerbose() throws Exception {
        Files.writeString(dir.resolve("keys.json"), "{ broken");
        Result quiet = cli.run("list");
        assertThat(quiet.err()).doesNotContain("\tat ");
        Result verbose = cli.run("list", "-v");
        assertThat(verbose.err()).contains("\tat ");
    }

    @Test
    void aDeclinedConfirmationIsCancelledAndKeepsTheKey() {
        Result r = cli.invocation().terminal(80).answer("n").run("forget", "local/existing");
        assertThat(r.exit()).as(r.toString()).isEqualTo(130);
        assertThat(r.prompts()).singleElement().asString().contains("local/existing");
        assertThat(cli.run("get", "local/existing").exit()).isZero();
    }

    @Test
    void anAcceptedConfirmationProceeds() {
        Result r = cli.invocation().terminal(80).answer("y").run("forget", "local/existing");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(cli.run("get", "local/existing").exit()).isEqualTo(3);
    }

    @Test
    void noInputNeverPromptsEvenOnATerminal() {
        Result r = cli.invocation().terminal(80).answer("y").run("--no-input", "forget", "local/existing");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.prompts()).isEmpty();
        assertThat(r.err()).contains("--yes");
    }

    @Test
    void aWrongPassphraseIsExitFiveAndChangesNothing() throws Exception {
        cli.env("APIKEY_BACKEND", "file");
        assertThat(cli.invocation().env("APIKEY_PASSPHRASE", "right").run("create", "local/in-file").exit()).isZero();
        byte[] store = Files.readAllBytes(dir.resolve("secrets.enc"));
        byte[] keys = Files.readAllBytes(dir.resolve("keys.json"));
        for (String[] args : new String[][] {{"get", "local/in-file"}, {"create", "local/another"},
            {"rotate", "local/in-file"}, {"forget", "local/in-file", "--yes"}}) {
            Result r = cli.invocation().env("APIKEY_PASSPHRASE", "wrong").run(args);
            assertThat(r.exit()).as(r.toString()).isEqualTo(5);
            assertThat(r.err()).contains("wrong passphrase").contains("hint:");
        }
        assertThat(Files.readAllBytes(dir.resolve("secrets.enc"))).isEqualTo(store);
        assertThat(Files.readAllBytes(dir.resolve("keys.json"))).isEqualTo(keys);
    }

    @Test
    void importWithoutStdinOrTerminalIsAUsageError() {
        Result r = cli.run("import", "local/imported");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("no secret on standard input").contains("hint:");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "a secret with {0}")
    @org.junit.jupiter.params.provider.CsvSource({"NUL,ak_before\u0000after_0123456789", "ESC,ak_clear\u001b[2J_0123456789",
            "CR,ak_carriage\rreturn_0123456789"})
    void aSecretWithAControlCharacterIsRefusedByImport(String what, String secret) {
        Result r = cli.invocation().stdin(secret + "\n").run("import", "local/controlled");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("the secret contains " + what).contains("hint: ")
                .doesNotContain(secret).doesNotContain("after_0123456789").doesNotContain("return_0123456789");
        assertThat(cli.keychain().item("apikey", "local/controlled")).isNull();
    }
}
