package dev.apikey.term;

import dev.apikey.core.Notices.Activity;
import java.io.PrintStream;
import java.time.Duration;

/**
 * A spinner on a terminal's stderr while a slow call runs ({@code | Creating key at openai…}): drawn
 * only once the call has been quiet for a moment, redrawn in place, and erased with spaces (no
 * escape sequences, so even a dumb terminal is left clean). One activity shows at a time; others
 * started meanwhile share its line. Only for a terminal: the caller never makes one for a pipe.
 */
public final class ProgressLine {
    /** Calls that return sooner show nothing. */
    public static final Duration DEFAULT_DELAY = Duration.ofMillis(300);
    private static final long FRAME_NANOS = Duration.ofMillis(120).toNanos();
    private static final String FRAMES = "|/-\\";
    private static final int MAX_LABEL = 60;

    private final PrintStream err;
    private final long delayNanos;
    private final Object lock = new Object();
    private String label;
    private long quietSince;
    private int suspended;
    private int drawnWidth;
    private int frame;
    private Thread ticker;

    public ProgressLine(PrintStream err, Duration delay) {
        this.err = err;
        this.delayNanos = delay.toNanos();
    }

    /** Shows {@code label} while the returned activity is open, once it has lasted the delay. */
    public Activity start(String label) {
        synchronized (lock) {
            if (this.label != null) {
                return Activity.NONE; // an outer call is already showing
            }
            this.label = label.length() > MAX_LABEL ? label.substring(0, MAX_LABEL - 1) + "…" : label;
            quietSince = System.nanoTime();
            if (ticker == null) {
                ticker = new Thread(this::tick, "apikey-progress");
                ticker.setDaemon(true);
                ticker.start();
            }
            lock.notifyAll();
        }
        return new Activity() {
            @Override
            public void output() {
                ProgressLine.this.output();
            }

            @Override
            public void close() {
                stop();
            }
        };
    }

    /** Something else is about to write to the terminal: erase the line, and wait for quiet again. */
    public void output() {
        synchronized (lock) {
            erase();
            quietSince = System.nanoTime();
        }
    }

    /** While a prompt waits for the user, no line may be drawn over it. */
    public void suspend() {
        synchronized (lock) {
            suspended++;
            erase();
        }
    }

    public void resume() {
        synchronized (lock) {
            suspended--;
            quietSince = System.nanoTime();
            lock.notifyAll();
        }
    }

    private void stop() {
        synchronized (lock) {
            erase();
            label = null;
            lock.notifyAll();
        }
    }

    private void tick() {
        synchronized (lock) {
            while (true) {
                try {
                    if (label == null || suspended > 0) {
                        lock.wait();
                        continue;
                    }
                    long wait = quietSince + delayNanos - System.nanoTime();
                    if (wait > 0) {
                        lock.wait(Math.max(1, wait / 1_000_000));
                        continue;
                    }
                    draw();
                    lock.wait(FRAME_NANOS / 1_000_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void draw() {
        String text = FRAMES.charAt(frame++ % FRAMES.length()) + " " + label + "…";
        int width = text.codePointCount(0, text.length());
        String pad = drawnWidth > width ? " ".repeat(drawnWidth - width) : "";
        err.print("\r" + text + pad);
        err.flush();
        drawnWidth = Math.max(width, drawnWidth);
    }

    private void erase() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }
}
