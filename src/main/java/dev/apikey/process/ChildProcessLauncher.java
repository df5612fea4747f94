package dev.apikey.process;

import dev.apikey.core.CommandNotStartedException;
import dev.apikey.core.Notices;
import dev.apikey.core.RunWithKeys;
import dev.apikey.core.Secret;
import dev.apikey.term.Terminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code exec}'s command. On a terminal the child inherits apikey's standard streams and output
 * goes straight to the user. A stream that is not a terminal (a CI log, a file, a pipe) is piped
 * through a {@link SecretMasker} instead, so injected secrets appear as {@code ***}. When apikey's
 * streams are not the process's own (tests), every stream is piped.
 */
public final class ChildProcessLauncher implements RunWithKeys.Launcher {
    private static final Pattern ERRNO = Pattern.compile("error=(\\d+), (.*)");
    private static final int BUFFER = 8192;

    private final Terminal terminal;
    private final Notices notices;

    public ChildProcessLauncher(Terminal terminal, Notices notices) {
        this.terminal = terminal;
        this.notices = notices;
    }

    @Override
    public int run(List<String> command, Map<String, String> environment, List<Secret> secrets) {
        boolean own = terminal.inheritable();
        boolean maskOut = !terminal.stdoutIsTerminal();
        boolean maskErr = !terminal.stderrIsTerminal();
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(own ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE)
                .redirectOutput(own && !maskOut ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE)
                .redirectError(own && !maskErr ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
        builder.environment().clear();
        builder.environment().putAll(environment);
        if (maskOut || maskErr) {
            notices.verbose("masking the keys in the command's " + (maskOut && maskErr ? "stdout and stderr"
                    : maskOut ? "stdout" : "stderr") + " (not a terminal)");
        }
        terminal.out().flush();
        terminal.err().flush();

        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            throw notStarted(command.get(0), e);
        }
        List<byte[]> masked = secrets.stream().map(s -> s.reveal().getBytes(StandardCharsets.UTF_8)).toList();
        List<Thread> pumps = new ArrayList<>();
        try (SignalForwarding signals = SignalForwarding.install(child, own && terminal.stdinIsTerminal())) {
            if (builder.redirectOutput() == ProcessBuilder.Redirect.PIPE) {
                pumps.add(pump("stdout", child.getInputStream(), terminal.stdout(), maskOut ? masked : List.of()));
            }
            if (builder.redirectError() == ProcessBuilder.Redirect.PIPE) {
                pumps.add(pump("stderr", child.getErrorStream(), terminal.err(), maskErr ? masked : List.of()));
            }
            if (builder.redirectInput() == ProcessBuilder.Redirect.PIPE) {
                feed(terminal.in(), child);
            }
            int exit = uninterruptibly(child::waitFor);
            for (Thread pump : pumps) {
                uninterruptibly(() -> {
                    pump.join();
                    return null;
                });
            }
            return exit;
        }
    }

    /** Copies the child's output to ours as it comes, masking secrets; stops when either side closes. */
    private static Thread pump(String name, InputStream from, OutputStream to, List<byte[]> secrets) {
        Thread t = new Thread(() -> {
            SecretMasker masker = new SecretMasker(secrets, to);
            byte[] buffer = new byte[BUFFER];
            try (from) {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    masker.write(buffer, 0, n);
                    to.flush();
                }
                masker.finish();
                to.flush();
            } catch (IOException e) {
                // Our side is gone (e.g. 'apikey exec … | head'): closing the pipe lets the child see it too.
            }
        }, "exec-" + name);
        t.start();
        return t;
    }

    /** Gives the child our standard input, then end of file. A daemon: the child may never read it. */
    private static void feed(InputStream in, Process child) {
        Thread t = new Thread(() -> {
            try (OutputStream to = child.getOutputStream()) {
                in.transferTo(to);
            } catch (IOException e) {
                // The child closed its stdin, or exited.
            }
        }, "exec-stdin");
        t.setDaemon(true);
        t.start();
    }

    /** The child decides when it ends (signals reach it through {@link SignalForwarding}); an interrupt does not. */
    private static <T> T uninterruptibly(Waiting<T> waiting) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return waiting.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @FunctionalInterface
    private interface Waiting<T> {
        T await() throws InterruptedException;
    }

    private static CommandNotStartedException notStarted(String program, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int exit = CommandNotStartedException.NOT_EXECUTABLE;
        Matcher m = ERRNO.matcher(reason);
        if (m.find()) {
            exit = m.group(1).equals("2") ? CommandNotStartedException.NOT_FOUND : CommandNotStartedException.NOT_EXECUTABLE;
            reason = m.group(2);
        }
        return new CommandNotStartedException("cannot run '" + program + "': " + reason,
                exit == CommandNotStartedException.NOT_FOUND ? "check the command's name and PATH" : null, exit, e);
    }
}
