package dev.apikey.http;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The time of one operation, its retries and the waits between them included (SPEC §8: given up within
 * 2 minutes): no attempt starts once it is spent, and each gets at most what is left. Used by every
 * caller that retries, {@link Retries} and the AWS provider's own loop alike.
 *
 * <p>Time spent is the wall clock's, or the waits' sum where that is more: a test's sleeper records
 * waits without sleeping, and the budget still counts them.
 */
public final class OperationBudget {
    private final long limitMillis;
    private final long started = System.nanoTime();
    private long waitedMillis;

    public OperationBudget(Duration limit) {
        this.limitMillis = limit.toMillis();
    }

    /**
     * The next attempt's call, its timeout cut to what is left.
     *
     * @throws SocketTimeoutException when nothing is left (a timeout: exit 6)
     */
    public Call nextCall(OkHttpClient client, Request request) throws SocketTimeoutException {
        long left = limitMillis - spentMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("the operation's time is spent");
        }
        Call call = client.newCall(request);
        if (client.callTimeoutMillis() == 0 || left < client.callTimeoutMillis()) {
            call.timeout().timeout(left, TimeUnit.MILLISECONDS);
        }
        return call;
    }

    /** Whether waiting {@code wait} still leaves time for another attempt. */
    public boolean fits(Duration wait) {
        return spentMillis() + wait.toMillis() < limitMillis;
    }

    /** Counts a wait that was made (see the class comment). */
    public void waited(Duration wait) {
        waitedMillis += wait.toMillis();
    }

    private long spentMillis() {
        return Math.max(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), waitedMillis);
    }
}
