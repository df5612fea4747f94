package dev.apikey.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.testing.JarProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel CI jobs sharing one config directory lose nothing and tear nothing. */
class ConcurrentInvocationsIT {
    private static final int PROCESSES = 12;

    @TempDir
    Path dir;

    @Test
    void manyProcessesImportingAtOnceKeepEveryKey() throws Exception {
        JarProcess apikey = new JarProcess()
                .env("APIKEY_CONFIG_DIR", dir.toString())
                .env("APIKEY_BACKEND", "file")
                .env("APIKEY_PASSPHRASE", "correct horse battery staple");
        // Create the store first, so every process races on the same existing files.
        assertThat(apikey.run("seed-secret-0123456789abcdef\n", "import", "local/seed").exit()).isZero();

        List<Process> running = new ArrayList<>();
        List<CompletableFuture<String>> errors = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            Process p = apikey.builder("import", "local/job-" + i).start();
            try (var in = p.getOutputStream()) {
                in.write(("secret-of-job-" + i + "-0123456789abcdef\n").getBytes());
            }
            running.add(p);
            errors.add(JarProcess.drain(p.getErrorStream()));
        }
        for (int i = 0; i < PROCESSES; i++) {
            Process p = running.get(i);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("job %d finished", i).isTrue();
            assertThat(p.exitValue()).as("job %d: %s", i, errors.get(i).join()).isZero();
        }

        JsonNode keys = Json.mapper().readTree(Files.readAllBytes(dir.resolve("keys.json"))).get("keys");
        assertThat(keys).hasSize(PROCESSES + 1);
        for (int i = 0; i < PROCESSES; i++) {
            JarProcess.Result got = apikey.run(null, "get", "local/job-" + i);
            assertThat(got.out()).as(got.toString()).isEqualTo("secret-of-job-" + i + "-0123456789abcdef\n");
        }
        assertThat(Files.readAllLines(dir.resolve("names.cache")))
                .containsAll(IntStream.range(0, PROCESSES).mapToObj(i -> "key local/job-" + i).collect(Collectors.toList()));
        assertThat(leftoverTemporaryFiles()).isEmpty();
    }

    private List<Path> leftoverTemporaryFiles() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
