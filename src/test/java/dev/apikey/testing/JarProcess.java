package dev.apikey.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the built apikey jar as a real process, as users and scripts do. */
public final class JarProcess {
    private final Map<String, String> environment = new HashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(60);

    public record Result(int exit, String out, String err, Duration elapsed) {
        @Override
        public String toString() {
            return "exit " + exit + " after " + elapsed.toMillis() + " ms\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    public JarProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public JarProcess env(Map<String, String> values) {
        environment.putAll(values);
        return this;
    }

    public JarProcess jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    public JarProcess timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    /** The command line that starts apikey with these JVM options. */
    public List<String> command(String... args) {
        return Jar.command(jvmOptions, args);
    }

    public ProcessBuilder builder(String... args) {
        ProcessBuilder pb = new ProcessBuilder(command(args));
        // A clean environment: only what the test sets, plus what the JVM needs to start.
        pb.environment().keySet().removeIf(k -> k.startsWith("APIKEY_") || k.startsWith("DBUS_"));
        pb.environment().putAll(environment);
        return pb;
    }

    public Result run(String stdin, String... args) {
        long start = System.nanoTime();
        Process p;
        try {
            p = builder(args).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start java", e);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process may have exited without reading its input
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("apikey " + String.join(" ", args) + " did not finish within " + timeout
                        + "\n--- stderr ---\n" + err.getNow(""));
            }
            return new Result(p.exitValue(), out.join(), err.join(), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
