package dev.apikey;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Ends the process with an invocation's exit code.
 *
 * <p>{@code System.exit} ends a JVM whatever threads it has left, so it is used whenever the code is not zero or
 * another non-daemon thread is still alive (a keychain connection that did not close in time). A zero code with
 * nothing else alive returns from {@code main} instead, and the JVM ends as it does after any program: shutdown
 * hooks run, exit code 0. The difference is start-up time: from JDK 21 on, {@code Runtime.exit} asks for a
 * {@code System.Logger} to log the exit (JDK-8301627), and finding the logging back end makes the JVM look for a
 * {@code System.LoggerFinder} on the class path, which opens and indexes the whole jar: 10–30 ms of a packaged
 * {@code --version} or {@code list}, whose AOT caches otherwise spare them the jar.
 */
public final class ProcessEnd {
    private final IntConsumer exit;
    private final Supplier<List<Thread>> liveThreads;

    ProcessEnd(IntConsumer exit, Supplier<List<Thread>> liveThreads) {
        this.exit = exit;
        this.liveThreads = liveThreads;
    }

    /** An end like this process's, but with {@code exit} called where the process would call {@code System.exit}. */
    public ProcessEnd(IntConsumer exit) {
        this(exit, ProcessEnd::liveThreads);
    }

    /** This process's end. */
    public static ProcessEnd system() {
        return new ProcessEnd(System::exit);
    }

    /** Ends the process with {@code code}, or returns where returning from {@code main} ends it alike. */
    public void end(int code) {
        Thread self = Thread.currentThread();
        if (code != 0 || liveThreads.get().stream().anyMatch(t -> t != self && t.isAlive() && !t.isDaemon())) {
            exit.accept(code);
        }
    }

    /** Every live thread of the JVM's (platform threads: a virtual thread never keeps a JVM alive). */
    static List<Thread> liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        // enumerate() fills at most the array's length: grown until every live thread fits.
        Thread[] threads = new Thread[root.activeCount() + 8];
        int n;
        while ((n = root.enumerate(threads)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return Arrays.asList(threads).subList(0, n);
    }
}
