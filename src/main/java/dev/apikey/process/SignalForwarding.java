package dev.apikey.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Passes INT, TERM and HUP on to the child while it runs, instead of letting them end apikey, and
 * restores the previous handlers when closed. On Linux and macOS the signal is sent with the shell's
 * {@code kill}; Java itself can only send TERM and KILL. On Windows, where a console's Ctrl-C already
 * reaches every process on it, only TERM is passed on (as {@link Process#destroy()}).
 *
 * <p>INT is not passed on when the child shares apikey's terminal: the terminal has already sent the
 * Ctrl-C to both, and a second one makes some programs (REPLs) quit instead of cancelling a line.
 */
final class SignalForwarding implements AutoCloseable {
    private static final Path SHELL = Path.of("/bin/sh");

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private SignalForwarding() {
    }

    /** @param terminalDeliversInt whether the child is on apikey's terminal, which sends it Ctrl-C itself */
    static SignalForwarding install(Process child, boolean terminalDeliversInt) {
        SignalForwarding forwarding = new SignalForwarding();
        for (String name : terminalDeliversInt ? List.of("TERM", "HUP") : List.of("INT", "TERM", "HUP")) {
            try {
                Signal signal = new Signal(name);
                forwarding.previous.put(signal, Signal.handle(signal, s -> forward(child, name)));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // Not on this platform (HUP on Windows), or reserved by the VM (-Xrs): left as it is.
            }
        }
        return forwarding;
    }

    private static void forward(Process child, String name) {
        if (!child.isAlive()) {
            return;
        }
        if (!Files.isExecutable(SHELL)) {
            if (name.equals("TERM")) {
                child.destroy();
            }
            return;
        }
        // The pid is the only argument; the helper gets an empty environment.
        ProcessBuilder kill = new ProcessBuilder(SHELL.toString(), "-c", "kill -s \"$0\" \"$1\"", name,
                Long.toString(child.pid()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        kill.environment().clear();
        try {
            kill.start().waitFor();
        } catch (IOException e) {
            if (name.equals("TERM")) {
                child.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
