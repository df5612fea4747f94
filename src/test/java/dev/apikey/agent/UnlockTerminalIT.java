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
            Tmux.Command unlocking = t.start(apikey + " unlock --json > unlocked.json");
            t.awaitText("Passphrase for " + config.resolve("secrets.enc"));
            t.type(PASSPHRASE).press("Enter");
            Tmux.Output unlocked = unlocking.awaitEnd();
            assertThat(unlocked.exit()).as(unlocked.text()).isZero();
            assertThat(unlocked.text()).contains("Unlocked: ").doesNotContain(PASSPHRASE);
            JsonNode json = Json.mapper().readTree(dir.resolve("unlocked.json").toFile());
            agent = json.get("agentPid").asLong();

            Tmux.Output got = t.runToEnd(apikey + " get local/it");
            assertThat(got.exit()).as(got.text()).isZero();
            assertThat(got.text()).contains(SECRET).doesNotContain("Passphrase for");

            Tmux.Output locked = t.runToEnd(apikey + " lock");
            assertThat(locked.exit()).as(locked.text()).isZero();
            ProcessHandle.of(agent).map(ProcessHandle::onExit).ifPresent(exit -> exit.join());
            t.start(apikey + " get local/it");
            t.awaitText("Passphrase for " + config.resolve("secrets.enc"));
            t.press("C-c");
        }
    }
}
