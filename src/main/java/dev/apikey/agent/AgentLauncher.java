package dev.apikey.agent;

import dev.apikey.core.SecretStoreException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the agent as a background process of its own: a new session (no controlling terminal, so
 * neither Ctrl-C nor a closed terminal reaches it), stdin, stdout and stderr closed once it is ready,
 * an empty environment (no passphrase can leak into it), the root directory as its working
 * directory, and a small JVM: a few MiB of heap, the serial collector, no perf data file, no core
 * dump, no attach mechanism (so no heap dump through jcmd), no logging.
 */
public final class AgentLauncher {
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);
    static final List<String> JVM_OPTIONS = List.of("-Xms4m", "-Xmx8m", "-Xss256k", "-XX:+UseSerialGC",
            "-Xint", "-XX:ReservedCodeCacheSize=8m", "-XX:MaxMetaspaceSize=32m",
            "-XX:-UsePerfData", "-XX:-CreateCoredumpOnCrash", "-XX:+DisableAttachMechanism", "-Xshare:auto",
            "-Xlog:disable");

    private final Path java;
    private final String classPath;
    private final Path setsid;

    AgentLauncher(Path java, String classPath, Path setsid) {
        this.java = java;
        this.classPath = classPath;
        this.setsid = setsid;
    }

    /** The agent runs on this JVM's runtime and class path (the jar, or the packaged runtime's). */
    public static AgentLauncher forThisJvm() {
        Path setsid = null;
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(candidate))) {
                setsid = Path.of(candidate);
                break;
            }
        }
        return new AgentLauncher(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), setsid);
    }

    List<String> command(AgentSocket socket) {
        List<String> command = new ArrayList<>();
        if (setsid != null) {
            command.add(setsid.toString());
        }
        command.add(java.toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(classPath);
        command.add(AgentMain.class.getName());
        command.add(socket.path().toString());
        return command;
    }

    /** Starts an agent on the socket and waits until it listens; returns its pid. */
    long start(AgentSocket socket) {
        ProcessBuilder pb = new ProcessBuilder(command(socket))
                .directory(new File("/"))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw failed("cannot start " + java + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // its stdin is closed either way
        }
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line = r.readLine();
                return line == null ? "" : line;
            } catch (IOException e) {
                return "";
            }
        });
        String line;
        try {
            line = firstLine.get(READY_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw failed("the agent did not start within " + READY_WITHIN.toSeconds() + " s");
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw failed("interrupted while the agent started");
        }
        if (!line.startsWith(AgentMain.READY + " ")) {
            throw failed("the agent did not start" + (line.isEmpty() ? "" : ": " + line));
        }
        return Long.parseLong(line.substring(AgentMain.READY.length() + 1).trim());
    }

    private static SecretStoreException failed(String message) {
        return new SecretStoreException(message, "nothing was unlocked; commands keep asking for the passphrase");
    }
}
