package dev.apikey.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The background process {@code apikey unlock} starts: binds the socket named by its one argument,
 * says {@code ready PID} on stdout, closes stdin, stdout and stderr, and serves until the key
 * expires or is locked. It loads nothing of apikey but this package.
 */
public final class AgentMain {
    static final String READY = "ready";

    private AgentMain() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        if (args.length != 1) {
            out.println("usage: AgentMain SOCKET");
            System.exit(2);
        }
        KeyAgent agent;
        try {
            agent = KeyAgent.bind(Path.of(args[0]));
        } catch (IOException | RuntimeException e) {
            out.println("failed " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        out.println(READY + " " + ProcessHandle.current().pid());
        out.flush();
        out.close();
        System.in.close();
        System.err.close();
        agent.serve();
        System.exit(0);
    }
}
