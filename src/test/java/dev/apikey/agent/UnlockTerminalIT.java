package dev.apikey.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.JarProcess;
import dev.apikey.testing.Tmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** On a real terminal: {@code unlock} asks for the passphrase once, without echo; later commands do not ask. */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnlockTerminalIT {
    static final String SECRET = "ak_unlockTerminalSecret0123456789";
    static final String PASSPHRASE = "typed at the prompt 42";

    @TempDir
    Path dir;
    long agent;

    @AfterEach
    void stopAgent() {
        ProcessHandle.of(agent).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void unlockAsksOnceAndLaterCommandsDoNotAsk() throws Exception {
        Path config = dir.resolve("config");
        Path runtime = Files.createDirectory(dir.resolve("run"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        JarProcess.Result imported = new JarProcess().env("APIKEY_CONFIG_DIR", config.toString())
                .env("APIKEY_PASSPHRASE", PASSPHRASE).run(SECRET, "import", "local/it", "--backend", "file");
        assertThat(imported.exit()).as(imported.toString()).isZero();

        String apikey = "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar " + System.getProperty("apikey.jar");
        Map<String, String> env = new HashMap<>(Map.of(
                "PATH", Path.of(System.getProperty("java.home")).resolve("bin") + ":/usr/bin:/bin",
                "HOME", Files.createDirectories(dir.resolve("home")).toString(),
                "APIKEY_CONFIG_DIR", config.toString(),
                "XDG_RUNTIME_DIR", runtime.toString(),
                "LANG", "C.UTF-8",
                "PS1", "$ "));
        try (Tmux t = new Tmux(120, 40, dir, env)) {
            t.run(apikey + " unlock --json > unlocked.json; echo \"exit=$?\"");
            t.awaitText("Passphrase for " + config.resolve("secrets.enc"));
            t.type(PASSPHRASE).press("Enter");
            assertThat(t.awaitExit()).as(t.screen()).isZero();
            assertThat(t.screen()).contains("Unlocked: ").doesNotContain(PASSPHRASE);
            JsonNode json = Json.mapper().readTree(dir.resolve("unlocked.json").toFile());
            agent = json.get("agentPid").asLong();

            t.clear();
            t.run(apikey + " get local/it; echo \"exit=$?\"");
            assertThat(t.awaitExit()).as(t.screen()).isZero();
            assertThat(t.screen()).contains(SECRET).doesNotContain("Passphrase for");

            t.clear();
            t.run(apikey + " lock; echo \"exit=$?\"");
            assertThat(t.awaitExit()).as(t.screen()).isZero();
            ProcessHandle.of(agent).map(ProcessHandle::onExit).ifPresent(exit -> exit.join());
            t.clear();
            t.run(apikey + " get local/it; echo \"exit=$?\"");
            t.awaitText("Passphrase for " + config.resolve("secrets.enc"));
            t.press("C-c");
        }
    }
}
