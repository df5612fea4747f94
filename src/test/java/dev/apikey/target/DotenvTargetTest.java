package dev.apikey.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code dotenv:PATH} targets through the command line, read back by real readers: python-dotenv
 * (Debian's python3-dotenv) and a POSIX shell ({@code set -a; . FILE}).
 */
class DotenvTargetTest {
    /** Debian's Python, which has python3-dotenv; a pyenv python3 on PATH would not. */
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;
    CliRunner cli;
    Path env;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir.resolve("config"));
        env = dir.resolve("app.env");
    }

    private Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "plain_0123456789abcdef",
        "with spaces and #hash=equals",
        "dollar$HOME and $1 and $ alone",
        "single'quote #and= spaces",
        "double\"quote $dollar #hash =eq",
        "back\\slash and 'quote' and \"double\"",
        "=leading equals# and trailing =",
    })
    void secretsReadBackUnchangedByPythonDotenvAndSh(String secret) throws Exception {
        Files.writeString(env, "# settings of the app\nexport OTHER='kept as is'\n\nAPP_MODE=production # inline\n");
        ok(cli.invocation().stdin(secret + "\n").run("import", "local/my-svc"));
        ok(cli.run("target", "add", "local/my-svc", "dotenv:" + env));
        ok(cli.run("sync"));

        assertThat(pythonDotenv(env, "MY_SVC_API_KEY")).isEqualTo(secret);
        assertThat(pythonDotenv(env, "APP_MODE")).isEqualTo("production");
        assertThat(shell(env, "MY_SVC_API_KEY")).isEqualTo(secret);
        assertThat(shell(env, "OTHER")).isEqualTo("kept as is");
        assertThat(Files.readString(env)).startsWith("# settings of the app\nexport OTHER='kept as is'\n\nAPP_MODE=production # inline\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
    }

    @Test
    void replacesTheDefinitionInPlaceKeepingExportAndEveryOtherLine() throws Exception {
        Files.writeString(env, "A=1\n# the key\nexport MY_SVC_API_KEY=old-value\nB=2\nMY_SVC_API_KEY=later-duplicate\nC=3");
        ok(cli.invocation().stdin("new_secret_value_1234\n").run("import", "local/my-svc"));
        ok(cli.run("target", "add", "local/my-svc", "dotenv:" + env));
        ok(cli.run("sync", "local/my-svc"));
        assertThat(Files.readString(env)).isEqualTo(
                "A=1\n# the key\nexport MY_SVC_API_KEY='new_secret_value_1234'\nB=2\nC=3");
        // Idempotent: a second sync leaves the file byte for byte as it was.
        String once = Files.readString(env);
        ok(cli.run("sync", "local/my-svc"));
        assertThat(Files.readString(env)).isEqualTo(once);
    }

    @ParameterizedTest
    @ValueSource(strings = {"it's $HOME", "back\\slash$", "brace ${HOME}", "tick'`date`"})
    void refusesWhatNoQuotingCarriesToBothReaders(String secret) throws Exception {
        Files.writeString(env, "A=1\n");
        ok(cli.invocation().stdin(secret + "\n").run("import", "local/my-svc"));
        ok(cli.run("target", "add", "local/my-svc", "dotenv:" + env));
        Result r = cli.run("sync");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("no dotenv quoting reads back the same").doesNotContain(secret);
        assertThat(Files.readString(env)).isEqualTo("A=1\n");
        JsonNode listed = Json.mapper().readTree(ok(cli.run("target", "list", "--json")).out());
        assertThat(listed.get(0).get("lastWrite").get("result").asText()).isEqualTo("failed");
        assertThat(listed.get(0).get("current").asBoolean()).isFalse();
    }

    @Test
    void aMissingDirectoryIsNotFoundAndCreatesNothing() {
        ok(cli.run("create", "local/my-svc"));
        Path missing = dir.resolve("no-such-dir").resolve(".env");
        ok(cli.run("target", "add", "local/my-svc", "dotenv:" + missing));
        Result r = cli.run("sync");
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(Files.exists(missing.getParent())).isFalse();
    }

    static String pythonDotenv(Path file, String name) throws IOException, InterruptedException {
        return run(List.of(PYTHON, "-c", "import sys, dotenv; sys.stdout.write(dotenv.dotenv_values(sys.argv[1])[sys.argv[2]])",
                file.toString(), name));
    }

    static String shell(Path file, String name) throws IOException, InterruptedException {
        return run(List.of("sh", "-c", "set -a; . \"$1\"; printenv \"$2\"", "sh", file.toString(), name))
                .replaceAll("\n$", "");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
