package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code apikey exec} with real child processes ({@code sh}). */
class ExecCommandTest {
    @TempDir
    Path dir;
    CliRunner cli;
    String secret;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
        Result created = cli.run("create", "local/my-svc");
        assertThat(created.exit()).as(created.toString()).isZero();
        secret = cli.keychain().item("apikey", "local/my-svc");
    }

    @Test
    void setsTheProvidersVariableAndMasksItWhereOutputIsNotATerminal() {
        Result r = cli.run("exec", "local/my-svc", "--", "sh", "-c",
                "printf 'key=%s\\n' \"$MY_SVC_API_KEY\"; printf 'err=%s\\n' \"$MY_SVC_API_KEY\" >&2; "
                        + "test \"$MY_SVC_API_KEY\" = '" + secret + "' && echo matches");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("key=***\nmatches\n");
        assertThat(r.err()).isEqualTo("err=***\n");
    }

    @Test
    void onATerminalTheOutputIsTheChildsOwn() {
        Result r = cli.invocation().terminal(80).run("exec", "local/my-svc", "--", "sh", "-c", "echo \"$MY_SVC_API_KEY\"");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(secret + "\n");
    }

    @Test
    void masksASecretWrittenInTwoPieces() {
        // Two writes with a pause between them: the first half reaches apikey on its own.
        Result r = cli.run("exec", "local/my-svc", "--", "sh", "-c",
                "printf '%s' \"$MY_SVC_API_KEY\" | cut -c1-10 | tr -d '\\n'; sleep 0.2; "
                        + "printf '%s' \"$MY_SVC_API_KEY\" | cut -c11-; echo tail");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("***\ntail\n");
    }

    @Test
    void theExitCodeIsTheChilds() {
        Result r = cli.run("exec", "local/my-svc", "--", "sh", "-c", "exit 42");

        assertThat(r.exit()).as(r.toString()).isEqualTo(42);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void theChildNeverSeesApikeysOwnCredentials() {
        cli.env("APIKEY_PASSPHRASE", "pass-phrase-1").env("APIKEY_PASSPHRASE_FILE", "/tmp/pp")
                .env("APIKEY_ADMIN_OPENAI", "admin-credential-1").env("APIKEY_SECRET_LOCAL_OTHER", "other-secret-1")
                .env("FOO", "bar");

        Result r = cli.run("exec", "local/my-svc", "--", "env");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("FOO=bar\n", "MY_SVC_API_KEY=***\n", "APIKEY_CONFIG_DIR=" + dir)
                .doesNotContain("APIKEY_PASSPHRASE", "APIKEY_ADMIN_", "APIKEY_SECRET_", "pass-phrase-1",
                        "admin-credential-1", "other-secret-1");
    }

    @Test
    void envNamesTheVariableForAKey() {
        assertThat(cli.run("create", "local/other").exit()).isZero();

        Result r = cli.run("exec", "local/my-svc", "--env", "TOKEN=local/my-svc", "--env", "SECOND=local/other", "--",
                "sh", "-c", "echo ${TOKEN:+token-set} ${MY_SVC_API_KEY:-default-unset} ${SECOND:+second-set} "
                        + "${OTHER_API_KEY:-other-unset}");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("token-set default-unset second-set other-unset\n");
    }

    @Test
    void severalKeysEachInTheirVariable() {
        assertThat(cli.run("create", "local/db").exit()).isZero();
        String db = cli.keychain().item("apikey", "local/db");

        Result r = cli.run("exec", "local/my-svc", "local/db", "--", "sh", "-c",
                "test \"$MY_SVC_API_KEY\" = '" + secret + "' && test \"$DB_API_KEY\" = '" + db + "' && echo both");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("both\n");
    }

    @Test
    void twoKeysForOneVariableIsAUsageError() {
        assertThat(cli.run("provider", "add", "other", "--type", "local").exit()).isZero();
        assertThat(cli.run("create", "other/my-svc").exit()).isZero();

        Result r = cli.run("exec", "local/my-svc", "other/my-svc", "--", "true");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("apikey: local/my-svc and other/my-svc both set MY_SVC_API_KEY")
                .contains("hint: give one of them its own variable: --env OTHER_NAME=other/my-svc");
    }

    @Test
    void theEnvironmentOverrideWorksWithoutMetadata() {
        cli.env("APIKEY_SECRET_LOCAL_CI_BOT", "ak_ciSecretFromTheEnvironment");

        Result r = cli.run("-v", "exec", "local/ci-bot", "--", "sh", "-c", "echo \"$CI_BOT_API_KEY\"; env");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("***\n").doesNotContain("ak_ciSecretFromTheEnvironment");
        assertThat(r.err()).contains("* using APIKEY_SECRET_LOCAL_CI_BOT from the environment for local/ci-bot")
                .contains("* setting CI_BOT_API_KEY for local/ci-bot");
    }

    @Test
    void envNeedsNoProviderSoACustomProviderWorksOnAFreshMachine() {
        cli.env("APIKEY_SECRET_MINE_DEPLOY", "ak_customProviderSecret1");

        Result named = cli.run("exec", "--env", "TOKEN=mine/deploy", "--", "sh", "-c", "echo \"$TOKEN\"");
        Result unnamed = cli.run("exec", "mine/deploy", "--", "true");

        assertThat(named.exit()).as(named.toString()).isZero();
        assertThat(named.out()).isEqualTo("***\n");
        assertThat(unnamed.exit()).as(unnamed.toString()).isEqualTo(3);
        assertThat(unnamed.err()).contains("apikey: no provider named mine");
    }

    @Test
    void stdinReachesTheChild() {
        Result r = cli.invocation().stdin("line one\nline two\n").run("exec", "local/my-svc", "--", "cat");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("line one\nline two\n");
    }

    @Test
    void argumentsAfterTheDashesAreTheCommandsEvenWhenTheyLookLikeOptions() {
        Result r = cli.run("exec", "local/my-svc", "--", "sh", "-c", "echo \"$0 $1 $2\"", "-v", "--json", "@file");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("-v --json @file\n");
    }

    @Test
    void theAuditLogRecordsTheRunWithoutArguments() throws Exception {
        cli.run("exec", "local/my-svc", "--", "sh", "-c", "exit 3", "do-not-log-me");

        String log = Files.readString(dir.resolve("audit.log"));
        assertThat(log).contains("\"action\":\"exec\"", "\"ref\":\"local/my-svc\"", "\"outcome\":\"exit 3\"",
                "\"detail\":\"ran sh with MY_SVC_API_KEY\"").doesNotContain("do-not-log-me").doesNotContain(secret);
    }

    @Test
    void aCommandThatCannotRunExits127Or126() throws Exception {
        Path notExecutable = dir.resolve("script.sh");
        Files.writeString(notExecutable, "#!/bin/sh\necho hi\n");

        Result missing = cli.run("exec", "local/my-svc", "--", "no-such-command-here");
        Result denied = cli.run("exec", "local/my-svc", "--", notExecutable.toString());

        assertThat(missing.exit()).as(missing.toString()).isEqualTo(127);
        assertThat(missing.err()).contains("apikey: cannot run 'no-such-command-here': No such file or directory")
                .contains("hint: check the command's name and PATH");
        assertThat(denied.exit()).as(denied.toString()).isEqualTo(126);
        assertThat(denied.err()).contains("Permission denied");
    }

    @Test
    void helpExplainsTheCommand() {
        Result r = cli.run("exec", "--help");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Usage: apikey exec [-hqv] REF... [--env VAR=REF]... -- CMD [ARG]...");
        Result request = cli.run("request", "-h");
        assertThat(request.exit()).as(request.toString()).isZero();
        assertThat(request.out()).startsWith("Usage: apikey request").contains("--allow-host");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "exec;local/my-svc;true                      | 2 | put '--' between the keys and the command",
        "exec;local/my-svc;--                        | 2 | no command to run",
        "exec;--;true                                | 2 | no key to run the command with",
        "exec;--env;1X=local/my-svc;--;true          | 2 | invalid variable name '1X'",
        "exec;--env;APIKEY_X=local/my-svc;--;true    | 2 | --env cannot set APIKEY_X",
        "exec;not-a-ref;--;true                      | 2 | invalid key reference 'not-a-ref'",
        "exec;local/missing;--;true                  | 3 | no key local/missing here",
        "--json;exec;local/my-svc;--;true            | 2 | exec runs a command and has no JSON form",
    })
    void badInputFailsBeforeAnythingRuns(String args, int exit, String message) {
        Result r = cli.run(args.split(";"));
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertThat(r.err()).contains("apikey: " + message);
        assertThat(r.out()).isEmpty();
    }
}
