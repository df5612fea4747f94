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
            Tmux.Command importing = t.start(apikey + " import local/pasted");
            t.awaitText("Secret for local/pasted:");
            t.type(SECRET).press("Enter");
            Tmux.Output imported = importing.awaitEnd();
            assertThat(imported.exit()).as(imported.text()).isZero();
            assertThat(imported.text()).contains("Imported local/pasted").doesNotContain(SECRET).doesNotContain("ak_Typed");
            // Not even its length shows: no mask characters.
            assertThat(imported.lines().stream().filter(l -> l.contains("Secret for local/pasted:")).findFirst().orElseThrow())
                    .doesNotContain("*");
            Tmux.Output got = t.runToEnd(apikey + " get local/pasted");
            assertThat(got.exit()).as(got.text()).isZero();
            assertThat(got.lines()).as(got.text()).contains(SECRET);
        }
    }

    @Test
    void decliningAConfirmationExits130AndChangesNothing() {
        try (Tmux t = terminal(100)) {
            assertThat(t.runToEnd(apikey + " create local/keep-me").exit()).isZero();
            Tmux.Command forgetting = t.start(apikey + " forget local/keep-me");
            t.awaitText("[y/N]");
            t.type("n").press("Enter");
            Tmux.Output declined = forgetting.awaitEnd();
            assertThat(declined.exit()).as(declined.text()).isEqualTo(130);
            assertThat(declined.text()).contains("apikey: cancelled");
            Tmux.Output listed = t.runToEnd(apikey + " list | cut -f1");
            assertThat(listed.exit()).isZero();
            assertThat(listed.lines()).as(listed.text()).contains("local/keep-me");
        }
    }

    @Test
    void ctrlCAtAConfirmationExits130() {
        try (Tmux t = terminal(100)) {
            assertThat(t.runToEnd(apikey + " create local/keep-me").exit()).isZero();
            Tmux.Command revoking = t.start(apikey + " revoke local/keep-me");
            t.awaitText("[y/N]");
            t.press("C-c");
            Tmux.Output cancelled = revoking.awaitEnd();
            assertThat(cancelled.exit()).as(cancelled.text()).isEqualTo(130);
        }
    }

    @Test
    void tablesFitFortyColumns() {
        createKeys();
        try (Tmux t = terminal(40)) {
            Tmux.Output listed = t.runToEnd(apikey + " list");
            assertThat(listed.exit()).as(listed.text()).isZero();
            List<String> table = listed.lines().stream().filter(l -> !l.isBlank()).toList();
            assertThat(table).as(listed.text()).hasSize(3);
            assertThat(table.get(0)).startsWith("REF");
            assertThat(table).allSatisfy(l -> assertThat(l.length()).as("'%s' in\n%s", l, listed.text()).isLessThanOrEqualTo(40));
            assertThat(listed.text()).containsPattern("local/payments-servi\\S*…");
        }
    }

    @Test
    void tablesUseTwoHundredColumnsForWholeValues() {
        createKeys();
        try (Tmux t = terminal(200)) {
            Tmux.Output listed = t.runToEnd(apikey + " list");
            assertThat(listed.exit()).as(listed.text()).isZero();
            assertThat(listed.text()).containsPattern("REF +STATUS +HINT +CREATED +EXPIRES +ROTATED +BACKEND")
                    .contains("local/payments-service-production-eu-west-1")
                    .contains("just now").containsPattern("in (29|30) days")
                    .doesNotContain("…-1");
        }
    }

    @Test
    void colourAndRelativeTimesOnlyOnATerminal() {
        createKeys();
        try (Tmux t = terminal(200)) {
            assertThat(t.start(apikey + " list").awaitEndWithColours().text()).contains("\u001b[32m");
            assertThat(t.start("NO_COLOR=1 " + apikey + " list").awaitEndWithColours().text()).doesNotContain("\u001b[32m")
                    .contains("local/ci");
            Tmux.Output piped = t.runToEnd(apikey + " list | cat");
            assertThat(piped.text()).doesNotContain("just now").containsPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        }
    }

    private void createKeys() {
        try (Tmux t = terminal(200)) {
            Tmux.Output created = t.runToEnd(apikey + " create local/payments-service-production-eu-west-1 --expires 30d && "
                    + apikey + " create local/ci");
            assertThat(created.exit()).as(created.text()).isZero();
        }
    }
}
