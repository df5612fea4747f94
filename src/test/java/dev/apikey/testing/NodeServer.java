package dev.apikey.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/**
 * A server the tests run with Node from {@code test-tools/node_modules} (installed by {@code bin/setup}): started on a
 * port the OS chooses, ready when its output says so, stopped with its whole process tree. Without Node the tests
 * that need one are skipped with a message saying why; with Node but without the packages they fail, naming the fix.
 */
public class NodeServer implements AutoCloseable {
    private final Process process;
    private final StringBuffer log = new StringBuffer();
    private final int port;

    /**
     * @param readyPort reads the port from one line of output, or returns null while not ready
     */
    protected NodeServer(List<String> command, Path workDir, Function<String, Integer> readyPort) {
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.append(line).append('\n');
                    Integer p = readyPort.apply(line);
                    if (p != null) {
                        ready.complete(p);
                    }
                }
            } catch (IOException e) {
                // the process went away; close() reports nothing more
            }
            ready.completeExceptionally(new IllegalStateException("the server exited before it was ready"));
        }, "node-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            port = ready.get(90, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("could not start " + command + ":\n" + log, e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Everything the server printed so far. */
    public String log() {
        return log.toString();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The checkout's root (tests run there). */
    public static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        if (!Files.exists(here.resolve("pom.xml"))) {
            throw new IllegalStateException("tests must run from the project root, not " + here);
        }
        return here;
    }

    /** The {@code node} executable, or a skipped test when there is none. */
    public static String node() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(d, "node");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        Assumptions.abort("node is not installed: this test needs Node.js (bin/setup installs it; CI has it)");
        return null;
    }

    /** A script of an npm package installed in {@code test-tools}; fails with the fix when it is missing. */
    public static Path tool(String relative) {
        Path script = projectRoot().resolve("test-tools/node_modules").resolve(relative);
        if (!Files.exists(script)) {
            throw new IllegalStateException(script + " is missing: run bin/setup (it runs 'npm ci' in test-tools)");
        }
        return script;
    }
}
