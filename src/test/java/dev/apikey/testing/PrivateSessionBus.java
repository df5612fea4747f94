package dev.apikey.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private D-Bus session with, optionally, an unlocked gnome-keyring: the real Linux keychain,
 * headless and isolated under its own HOME. Without the keyring daemon, the bus auto-activates
 * gnome-keyring on first use, which then is locked — as on a machine where nobody logged in.
 */
public final class PrivateSessionBus implements AutoCloseable {
    private final Path home;
    private final Process bus;
    private final String address;
    private Process keyring;

    private PrivateSessionBus(Path home, Process bus, String address) {
        this.home = home;
        this.bus = bus;
        this.address = address;
    }

    public static PrivateSessionBus start(Path home) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1");
        pb.environment().put("HOME", home.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process bus = pb.start();
        String address = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (address == null || address.isBlank()) {
            bus.destroyForcibly();
            throw new IOException("dbus-daemon printed no address");
        }
        return new PrivateSessionBus(home, bus, address.trim());
    }

    /** Starts gnome-keyring's secret service, unlocked with {@code password}, and waits until it owns its name. */
    public PrivateSessionBus withUnlockedKeyring(String password) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets");
        pb.environment().putAll(environment());
        Path log = home.resolve("gnome-keyring.log");
        pb.redirectError(log.toFile());
        keyring = pb.start();
        try (OutputStream in = keyring.getOutputStream()) {
            in.write(password.getBytes(StandardCharsets.UTF_8));
        }
        // The daemon prints its control socket once it has started.
        String ready = new BufferedReader(new InputStreamReader(keyring.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (ready == null) {
            throw new IOException("gnome-keyring-daemon exited before it was ready: "
                    + java.nio.file.Files.readString(log));
        }
        awaitName("org.freedesktop.secrets", Duration.ofSeconds(20));
        return this;
    }

    /**
     * Stops the keyring daemon (SIGSTOP) until the bus is closed: it keeps its name and its connections,
     * and answers nothing, as a keychain stuck behind a prompt or a hung desktop session does.
     */
    public void pauseKeyring() throws IOException, InterruptedException {
        signalKeyring("-STOP");
    }

    private void signalKeyring(String signal) throws IOException, InterruptedException {
        if (keyring == null) {
            throw new IllegalStateException("no keyring daemon was started");
        }
        // The shell's own kill: no package beyond the shell is needed for it.
        Process kill = new ProcessBuilder("sh", "-c", "kill " + signal + " \"$1\"", "sh", Long.toString(keyring.pid()))
                .inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill " + signal + " " + keyring.pid() + " failed");
        }
    }

    /** The variables a process needs to use this bus and keyring. */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("DBUS_SESSION_BUS_ADDRESS", address);
        env.put("HOME", home.toString());
        return env;
    }

    /** Runs a command against this bus and returns its stdout (for secret-tool). */
    public String run(String stdin, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment());
        Process p = pb.start();
        var out = JarProcess.drain(p.getInputStream());
        var err = JarProcess.drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (p.exitValue() != 0 && !err.join().isEmpty()) {
            return "exit " + p.exitValue() + ": " + err.join();
        }
        return out.join();
    }

    private void awaitName(String name, Duration limit) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            String reply = run(null, "dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:" + name);
            if (reply.contains("boolean true")) {
                return;
            }
            if (!keyring.isAlive()) {
                throw new IOException("gnome-keyring-daemon exited");
            }
            // Each dbus-send round trip paces the loop; the name appears within milliseconds.
        }
        throw new IOException(name + " did not appear on the bus within " + limit);
    }

    @Override
    public void close() throws InterruptedException {
        if (keyring != null) {
            try {
                signalKeyring("-CONT"); // a paused daemon would not act on the SIGTERM before it
            } catch (IOException e) {
                // it has exited already
            }
            keyring.destroy();
            keyring.waitFor(10, TimeUnit.SECONDS);
        }
        bus.destroy();
        bus.waitFor(10, TimeUnit.SECONDS);
        // The daemon auto-activated by a locked test exits with its bus; make sure of it.
        ProcessHandle.allProcesses()
                .filter(ph -> ph.info().command().map(c -> c.endsWith("gnome-keyring-daemon")).orElse(false))
                .filter(ph -> ph.info().arguments().isPresent() && environmentOf(ph).contains(home.toString()))
                .forEach(ProcessHandle::destroy);
    }

    private static String environmentOf(ProcessHandle ph) {
        try {
            return new String(java.nio.file.Files.readAllBytes(Path.of("/proc/" + ph.pid() + "/environ")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
