package dev.apikey.cli.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PowerShell itself cannot be installed from the registries this project reaches, so its script is
 * parsed with tree-sitter's PowerShell grammar (installed by bin/setup): no syntax errors, and a
 * broken copy is caught, which shows the check checks.
 */
class PowerShellScriptTest {
    private static final Path TOOLS = Path.of(".tools", "powershell-syntax", "node_modules").toAbsolutePath();
    private static final Path SCRIPT = Path.of("completions", "apikey.ps1");

    @TempDir
    Path tmp;
    Path checker;

    @BeforeEach
    void setUp() throws IOException {
        assertThat(TOOLS.resolve("tree-sitter-powershell")).as("the PowerShell grammar: run bin/setup").isDirectory();
        checker = tmp.resolve("powershell-syntax.cjs");
        try (InputStream in = getClass().getResourceAsStream("powershell-syntax.cjs")) {
            Files.write(checker, in.readAllBytes());
        }
    }

    @Test
    void theCompletionScriptParses() throws Exception {
        String errors = check(SCRIPT, 0);
        assertThat(errors).isEmpty();
    }

    @Test
    void aBrokenScriptIsCaught() throws Exception {
        String script = Files.readString(SCRIPT);
        Path broken = tmp.resolve("broken.ps1");
        // An unbalanced quote, as a careless escape would leave it.
        Files.writeString(broken, script.replaceFirst("'create' = ", "'create = "));
        assertThat(check(broken, 1)).contains("syntax error");
        Files.writeString(broken, script.substring(0, script.lastIndexOf('}')));
        assertThat(check(broken, 1)).contains("syntax error");
    }

    @Test
    void everyCommandIsInTheScript() throws Exception {
        String script = Files.readString(SCRIPT);
        for (String command : List.of("'create'", "'provider add'", "'completion'", "'shell'")) {
            assertThat(script).contains(command + " = @{");
        }
        assertThat(script).contains("Register-ArgumentCompleter -Native -CommandName 'apikey'");
    }

    private String check(Path file, int expectedExit) throws Exception {
        // Output to a file and a bounded wait: a checker that never ends fails the test instead of hanging the build.
        Path output = Files.createTempFile(tmp, "check", ".out");
        ProcessBuilder pb = new ProcessBuilder("node", checker.toString(), file.toString()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("NODE_PATH", TOOLS.toString());
        Process p = pb.start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(ended).as("the PowerShell syntax check of " + file + " ended within 60 s; it printed: " + out).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(expectedExit);
        return out;
    }
}
