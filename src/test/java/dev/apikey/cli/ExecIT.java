package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apikey.testing.Jar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code apikey exec} as a real process: signals, argv, a real terminal. */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExecIT {
    static final String SECRET = "ak_execIntegrationSecret0123456789";

    @TempDir
    Path dir;
    final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    /** Remembers a process and its children now, so they are stopped even if the parent dies first. */
    void track(Process p) {
        started.add(p.toHandle());
        p.descendants().forEach(started::add);
    }

    Process exec(String... command) throws IOException {
        List<String> args = new ArrayList<>(List.of("exec", "local/it", "--"));
        args.addAll(List.of(command));
        Process p = Jar.process(Jar.command(List.of(), args.toArray(String[]::new)),
                Map.of("APIKEY_CONFIG_DIR", dir.toString(), "APIKEY_SECRET_LOCAL_IT", SECRET))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        track(p);
        return p;
    }

    static BufferedReader lines(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Signals this JVM ignores are ignored by its children too, and a shell cannot trap them. */
    static boolean ignoredHere(String signal) throws IOException {
        int number = switch (signal) {
            case "HUP" -> 1;
            case "INT" -> 2;
            default -> 15;
        };
        try (Stream<String> status = Files.lines(Path.of("/proc/self/status"))) {
            long mask = status.filter(l -> l.startsWith("SigIgn:")).map(l -> Long.parseLong(l.substring(7).trim(), 16))
                    .findFirst().orElse(0L);
            return (mask & (1L << (number - 1))) != 0;
        }
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT", "HUP"})
    void aSignalToApikeyReachesTheChildAndItsExitCodeIsApikeys(String signal) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc")), "needs Linux");
        assumeFalse(ignoredHere(signal), "SIG" + signal + " is ignored by this test's JVM, so by its children too");
        Process p = exec("sh", "-c", "trap 'echo got-" + signal + "; exit 42' " + signal
                + "; echo ready; while :; do sleep 0.05; done");
        BufferedReader out = lines(p);
        assertThat(out.readLine()).isEqualTo("ready");
        track(p);

        Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -s " + signal + " " + p.pid()).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(out.readLine()).isEqualTo("got-" + signal);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(42);
    }

    @Test
    void theSecretIsInTheChildsEnvironmentAndInNoArgv() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc")), "needs Linux");
        Path fifo = dir.resolve("go");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Process p = exec("sh", "-c", "echo \"ready $IT_API_KEY\"; read line < \"$0\"; exit 7", fifo.toString());
        BufferedReader out = lines(p);
        assertThat(out.readLine()).isEqualTo("ready ***");
        track(p);

        ProcessHandle child = p.toHandle().children().findFirst().orElseThrow();
        assertThat(new String(Files.readAllBytes(Path.of("/proc/" + child.pid() + "/environ")), StandardCharsets.UTF_8))
                .as("the child's environment").contains("IT_API_KEY=" + SECRET);
        List<String> argvWithSecret = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(d -> d.getFileName().toString().matches("\\d+")).forEach(d -> {
                try {
                    String argv = new String(Files.readAllBytes(d.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (argv.contains(SECRET)) {
                        argvWithSecret.add(d.getFileName() + ": " + argv.replace('\0', ' '));
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            });
        }
        assertThat(argvWithSecret).as("processes with the secret in argv").isEmpty();

        // Opening the FIFO blocks until the child reads it; let the child go.
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
            try (OutputStream go = Files.newOutputStream(fifo)) {
                go.write('\n');
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        release.get(30, TimeUnit.SECONDS);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(7);
    }

    @Test
    void onARealTerminalTheChildInheritsItAndItsOutputIsNotFiltered() throws Exception {
        Path script = Path.of("/usr/bin/script");
        assumeTrue(Files.isExecutable(script), "needs util-linux script(1) for a pseudo-terminal");
        String apikey = String.join(" ", Jar.command(List.of(), "exec", "local/it", "--", "sh", "-c",
                "'test -t 0 && test -t 1 && test -t 2 && echo inherited-tty; echo \"key=$IT_API_KEY\"'"));
        Process p = Jar.process(List.of(script.toString(), "-qec", apikey, "/dev/null"),
                Map.of("APIKEY_CONFIG_DIR", dir.toString(), "APIKEY_SECRET_LOCAL_IT", SECRET))
                .redirectErrorStream(true).start();
        track(p);

        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("inherited-tty").contains("key=" + SECRET);
    }
}
