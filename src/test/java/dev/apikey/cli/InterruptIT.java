package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.JarProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C midway: exit 130, and whatever was on disk before is still there, whole. */
class InterruptIT {
    @TempDir
    Path dir;

    @Test
    void ctrlCWhileWaitingForASecretExits130AndWritesNothing() throws Exception {
        JarProcess apikey = new JarProcess()
                .env("APIKEY_CONFIG_DIR", dir.toString())
                .env("APIKEY_BACKEND", "file")
                .env("APIKEY_PASSPHRASE", "pw");
        assertThat(apikey.run("existing-secret-0123456789\n", "import", "local/existing").exit()).isZero();
        byte[] keys = Files.readAllBytes(dir.resolve("keys.json"));
        byte[] secrets = Files.readAllBytes(dir.resolve("secrets.enc"));

        // stdin stays open and empty: apikey waits for the secret, as a user would see it waiting.
        Process p = apikey.builder("import", "local/interrupted").start();
        var err = JarProcess.drain(p.getErrorStream());
        awaitReadingStdin(p.pid(), Duration.ofSeconds(60));
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        p.getOutputStream().close();

        assertThat(p.exitValue()).as(err.join()).isEqualTo(130);
        assertThat(Files.readAllBytes(dir.resolve("keys.json"))).isEqualTo(keys);
        assertThat(Files.readAllBytes(dir.resolve("secrets.enc"))).isEqualTo(secrets);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /** Waits until a thread of the process sits in read(2) on fd 0, i.e. apikey is waiting for input. */
    private static void awaitReadingStdin(long pid, Duration limit) throws IOException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                boolean reading = tasks.anyMatch(t -> {
                    try {
                        return Files.readString(t.resolve("syscall")).startsWith("0 0x0 ");
                    } catch (IOException e) {
                        return false;
                    }
                });
                if (reading) {
                    return;
                }
            }
            // Poll the condition, not a guessed delay; the pause only spares the shared CPU.
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        throw new AssertionError("apikey never waited on standard input");
    }
}
