package dev.apikey.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.metadata.DirectoryLock;
import dev.apikey.testing.Tmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apikey shell} in a real terminal (tmux), with the packaged jar. */
class ShellIT {
    private static final String PASTED_SECRET = "ak_PastedAtTheShellPrompt0123456789";

    @TempDir
    Path dir;
    Path config;
    Tmux t;
    String apikey;

    @BeforeEach
    void setUp() throws Exception {
        String jar = System.getProperty("apikey.jar");
        assertThat(jar).as("system property apikey.jar (set by the build)").isNotNull();
        apikey = "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar " + jar;
        config = dir.resolve("config");
        Path javaHome = Path.of(System.getProperty("java.home"));
        Map<String, String> env = Map.of(
                "PATH", javaHome.resolve("bin") + ":/usr/bin:/bin",
                "HOME", Files.createDirectories(dir.resolve("home")).toString(),
                "APIKEY_CONFIG_DIR", config.toString(),
                "APIKEY_BACKEND", "file",
                "APIKEY_PASSPHRASE", "correct horse battery staple",
                "LANG", "C.UTF-8",
                "PS1", "$ ");
        t = new Tmux(120, 50, dir, env);
    }

    @AfterEach
    void stopTerminal() {
        t.close();
    }

    private Tmux.Command shell;

    private void startShell() {
        shell = t.start(apikey + " shell");
        t.awaitText("apikey> ");
    }

    /** Waits for the n-th prompt: the command before it has finished. */
    private String awaitPrompt(int n) {
        return t.await(n + " prompts", s -> s.split("apikey> ", -1).length - 1 >= n);
    }

    @Test
    void commandsRunWithFreshOptionsAndComplete() {
        {
            startShell();
            t.run("create local/alpha --description 'two words'");
            t.awaitText("Created local/alpha");
            awaitPrompt(2);
            t.run("list --json");
            t.awaitText("\"description\" : \"two words\"");
            awaitPrompt(3);
            t.run("list"); // --json was for that one command only
            assertThat(awaitPrompt(4)).containsPattern("REF +STATUS").containsPattern("local/alpha +active");
            t.type("get loc").press("Tab");
            t.awaitText("apikey> get local/alpha");
            t.press("Enter");
            awaitPrompt(5);
            t.run("exit");
            assertThat(shell.awaitEnd().exit()).isZero();
        }
    }

    @Test
    void ctrlCCancelsTheRunningCommandOnly() throws Exception {
        {
            startShell();
            t.run("create local/first");
            t.awaitText("Created local/first");
            awaitPrompt(2);
            // Another apikey holds the config directory: the next change waits for it.
            try (DirectoryLock held = DirectoryLock.acquire(config)) {
                t.run("create local/waiting");
                awaitBlockedOn(config.resolve(".lock"));
                t.press("C-c");
                t.awaitText("apikey: cancelled");
                awaitPrompt(3);
            }
            t.run("list");
            assertThat(awaitPrompt(4)).as("the list after the cancelled command").contains("STATUS")
                    .containsPattern("local/first +active");
            t.type("half a line").press("C-c"); // at the prompt: a fresh line, the shell stays
            awaitPrompt(5);
            t.run("exit");
            assertThat(shell.awaitEnd().exit()).isZero();
        }
    }

    /** Waits until a process is blocked waiting for a lock on this file ({@code ->} lines of /proc/locks). */
    private static void awaitBlockedOn(Path file) throws Exception {
        long inode = (Long) Files.getAttribute(file, "unix:ino");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (Files.readAllLines(Path.of("/proc/locks")).stream()
                .noneMatch(l -> l.contains("->") && l.matches(".*:" + inode + " .*"))) {
            assertThat(System.nanoTime()).as("a command waiting for %s", file).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void historyIsKeptPrivatelyAndWithoutSecrets() throws Exception {
        {
            startShell();
            t.run("status");
            awaitPrompt(2);
            t.run("import local/pasted " + PASTED_SECRET);
            t.awaitText("Unmatched argument");
            awaitPrompt(3);
            t.press("C-d");
            assertThat(shell.awaitEnd().exit()).isZero();
        }
        Path history = config.resolve("history");
        String recorded = Files.readString(history);
        assertThat(recorded).contains("status").doesNotContain(PASTED_SECRET).doesNotContain("import local/pasted");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history))).isEqualTo("rw-------");
    }

    @Test
    void aSecretPromptInTheShellIsNotEchoedNorRecorded() throws Exception {
        {
            startShell();
            t.run("import local/typed");
            t.awaitText("Secret for local/typed:");
            t.type(PASTED_SECRET).press("Enter");
            t.awaitText("Imported local/typed");
            assertThat(t.screen()).doesNotContain(PASTED_SECRET);
            awaitPrompt(2);
            t.run("exit");
            assertThat(shell.awaitEnd().exit()).isZero();
        }
        assertThat(Files.readString(config.resolve("history"))).contains("import local/typed").doesNotContain(PASTED_SECRET);
    }
}
