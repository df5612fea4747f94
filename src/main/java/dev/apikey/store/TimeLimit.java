package dev.apikey.store;

import dev.apikey.core.ApikeyException;
import dev.apikey.core.SecretStoreException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs a call that may hang (a keychain waiting on D-Bus or a GUI prompt) with a deadline. The call
 * runs on a daemon thread, so a call that never returns cannot keep the process alive.
 */
final class TimeLimit {
    private final Duration limit;
    private final String what;

    TimeLimit(Duration limit, String what) {
        this.limit = limit;
        this.what = what;
    }

    <T> T call(String operation, Supplier<T> call) {
        FutureTask<T> task = new FutureTask<>(call::get);
        Thread worker = new Thread(task, "apikey-" + what);
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new SecretStoreException("the " + what + " did not answer within " + seconds() + " ("
                    + operation + ")", "unlock or restart the " + what + " and try again", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ApikeyException ae) {
                throw ae;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new SecretStoreException("the " + what + " failed (" + operation + "): " + cause,
                    null, cause);
        } catch (InterruptedException | CancellationException e) {
            Thread.currentThread().interrupt();
            throw new dev.apikey.core.CancelledException("interrupted while waiting for the " + what);
        }
    }

    private String seconds() {
        long ms = limit.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
