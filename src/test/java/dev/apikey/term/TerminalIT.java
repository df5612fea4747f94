package dev.apikey.term;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.Tmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged apikey in a real terminal (tmux): what a person at the keyboard sees. Secrets go to
 * the encrypted file store, since there is no keychain in the test's session.
 */
class TerminalIT {
    private static final String SECRET = "ak_TypedAtThePrompt0123456789abcdefXYZ";

    @TempDir
    Path dir;
    String apikey;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        String jar = System.getProperty("apikey.jar");
        assertThat(jar).as("system property apikey.jar (set by the build)").isNotNull();
        apikey = "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar " + jar;
        Path javaHome = Path.of(System.getProperty("java.home"));
        env = new HashMap<>(Map.of(
                "PATH", javaHome.resolve("bin") + ":/usr/bin:/bin",
                "HOME", Files.createDirectories(dir.resolve("home")).toString(),
                "APIKEY_CONFIG_DIR", dir.resolve("config").toString(),
                "APIKEY_BACKEND", "file",
                "APIKEY_PASSPHRASE", "correct horse battery staple",
                "LANG", "C.UTF-8",
                "PS1", "$ "));
    }

    private Tmux terminal(int columns) {
        return new Tmux(columns, 40, dir, env);
    }

    @Test
    void aSecretTypedAtThePromptIsNotEchoed() {
        try (Tmux t = terminal(100)) {
            t.run(apikey + " import local/pasted; echo \"exit=$?\"");
            t.awaitText("Secret for local/pasted:");
            t.type(SECRET).press("Enter");
            String screen = t.awaitText("exit=0");
            assertThat(screen).contains("Imported local/pasted").doesNotContain(SECRET).doesNotContain("ak_Typed");
            // Not even its length shows: no mask characters.
            assertThat(screen.lines().filter(l -> l.contains("Secret for local/pasted:")).findFirst().orElseThrow())
                    .doesNotContain("*");
            t.clear();
            t.run(apikey + " get local/pasted");
            t.awaitText(SECRET);
        }
    }

    @Test
    void decliningAConfirmationExits130AndChangesNothing() {
        try (Tmux t = terminal(100)) {
            t.run(apikey + " create local/keep-me; echo \"exit=$?\"");
            t.awaitText("exit=0");
            t.clear();
            t.run(apikey + " forget local/keep-me; echo \"exit=$?\"");
            t.awaitText("[y/N]");
            t.type("n").press("Enter");
            assertThat(t.awaitExit()).as(t.screen()).isEqualTo(130);
            assertThat(t.screen()).contains("apikey: cancelled");
            t.clear();
            t.run(apikey + " list | cut -f1; echo \"exit=$?\"");
            assertThat(t.awaitText("exit=0")).contains("local/keep-me");
        }
    }

    @Test
    void ctrlCAtAConfirmationExits130() {
        try (Tmux t = terminal(100)) {
            t.run(apikey + " create local/keep-me; echo \"exit=$?\"");
            t.awaitText("exit=0");
            t.clear();
            t.run(apikey + " revoke local/keep-me; echo \"exit=$?\"");
            t.awaitText("[y/N]");
            t.press("C-c");
            assertThat(t.awaitExit()).as(t.screen()).isEqualTo(130);
        }
    }

    @Test
    void tablesFitFortyColumns() {
        createKeys();
        try (Tmux t = terminal(40)) {
            t.run(apikey + " list; echo \"exit=$?\"");
            String screen = t.awaitText("exit=0");
            List<String> table = screen.lines().filter(l -> !l.isBlank() && !l.startsWith("$") && !l.startsWith("exit=")
                    && !l.contains(" list;")).toList();
            assertThat(table).as(screen).hasSize(3);
            assertThat(table.get(0)).startsWith("REF");
            assertThat(table).allSatisfy(l -> assertThat(l.length()).as("'%s' in\n%s", l, screen).isLessThanOrEqualTo(40));
            assertThat(screen).containsPattern("local/payments-servi\\S*…");
        }
    }

    @Test
    void tablesUseTwoHundredColumnsForWholeValues() {
        createKeys();
        try (Tmux t = terminal(200)) {
            t.run(apikey + " list; echo \"exit=$?\"");
            String screen = t.awaitText("exit=0");
            assertThat(screen).containsPattern("REF +STATUS +HINT +CREATED +EXPIRES +ROTATED +BACKEND")
                    .contains("local/payments-service-production-eu-west-1")
                    .contains("just now").containsPattern("in (29|30) days")
                    .doesNotContain("…-1");
        }
    }

    @Test
    void colourAndRelativeTimesOnlyOnATerminal() {
        createKeys();
        try (Tmux t = terminal(200)) {
            t.run(apikey + " list; echo \"exit=$?\"");
            t.awaitText("exit=0");
            assertThat(t.screenWithColours()).contains("\u001b[32m");
            t.clear();
            t.run("NO_COLOR=1 " + apikey + " list; echo \"exit=$?\"");
            t.awaitText("exit=0");
            assertThat(t.screenWithColours()).doesNotContain("\u001b[32m");
            t.clear();
            t.run(apikey + " list | cat; echo \"exit=$?\"");
            String piped = t.awaitText("exit=0");
            assertThat(piped).doesNotContain("just now").containsPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        }
    }

    private void createKeys() {
        try (Tmux t = terminal(200)) {
            t.run(apikey + " create local/payments-service-production-eu-west-1 --expires 30d && "
                    + apikey + " create local/ci && echo \"created=$?\"");
            t.awaitText("created=0");
        }
    }
}
