package dev.apikey.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import java.util.Set;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends a request as one operation: retries idempotent requests (GET, HEAD, PUT, DELETE, OPTIONS) that
 * got 429 or 5xx, or no response, with exponential backoff and jitter, honouring {@code Retry-After}.
 * A POST is never retried: a create that timed out may have happened, and repeating it would make a
 * second key. Requests can opt out with the {@link NoRetry} tag.
 *
 * <p>Each attempt is its own OkHttp call, so the client's call timeout bounds one attempt (SPEC §8: a
 * whole call at most 60 s); the operation, retries and waits included, is given up once its own
 * budget (2 minutes) is spent: no attempt starts that could not finish within it, and the last one
 * gets only what is left.
 */
public final class Retries {
    static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    /** Tag a request with this to never retry it, whatever its method. */
    public enum NoRetry { INSTANCE }

    /**
     * Tag a request with the header a provider says when its rate limit resets in, read when a 429 or 5xx has no
     * {@code Retry-After} (Datadog's {@code X-RateLimit-Reset}, in seconds; GitHub's, a Unix time).
     *
     * @param name  the header
     * @param epoch whether it holds a Unix time (seconds) rather than the seconds to wait
     */
    public record ResetHeader(String name, boolean epoch) {
    }

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration operationTimeout;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Random jitter;

    public Retries(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration operationTimeout, Sleeper sleeper,
                   Clock clock, Random jitter) {
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.operationTimeout = operationTimeout;
        this.sleeper = sleeper;
        this.clock = clock;
        this.jitter = jitter;
    }

    /** Sends the request, retrying where that is safe, and returns the last response whatever its status. */
    public Response execute(OkHttpClient client, Request request) throws IOException {
        boolean retryable = IDEMPOTENT.contains(request.method()) && request.tag(NoRetry.class) == null;
        OperationBudget budget = new OperationBudget(operationTimeout);
        int attempt = 1;
        while (true) {
            Call call = budget.nextCall(client, request);
            Response response;
            try {
                response = call.execute();
            } catch (IOException e) {
                Duration wait = backoff(attempt);
                if (!retryable || attempt >= maxAttempts || Thread.currentThread().isInterrupted() || !budget.fits(wait)) {
                    throw e;
                }
                pause(wait, budget);
                attempt++;
                continue;
            }
            int code = response.code();
            if (!retryable || attempt >= maxAttempts || !(code == 429 || code >= 500)) {
                return response;
            }
            Duration wait = retryAfter(response.header("Retry-After"));
            ResetHeader reset = request.tag(ResetHeader.class);
            if (wait == null && reset != null) {
                wait = resetIn(response.header(reset.name()), reset.epoch());
            }
            if (wait == null) {
                wait = backoff(attempt);
            }
            if (wait.compareTo(maxDelay) > 0 || !budget.fits(wait)) {
                return response; // the server asks for longer than a CLI should wait: report it now
            }
            response.close();
            pause(wait, budget);
            attempt++;
        }
    }

    Duration backoff(int attempt) {
        long base = baseDelay.toMillis() << Math.min(attempt - 1, 10);
        long capped = Math.min(base, maxDelay.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (jitter.nextDouble() * capped / 2));
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; null when absent or unreadable. */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(clock.instant(), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A rate-limit reset header: seconds to wait, or a Unix time; null when absent or unreadable. */
    Duration resetIn(String value, boolean epoch) {
        if (value == null || !value.trim().matches("\\d{1,12}")) {
            return null;
        }
        long n = Long.parseLong(value.trim());
        if (!epoch) {
            return Duration.ofSeconds(n);
        }
        Duration d = Duration.between(clock.instant(), Instant.ofEpochSecond(n));
        return d.isNegative() ? Duration.ZERO : d;
    }

    private void pause(Duration d, OperationBudget budget) throws IOException {
        try {
            sleeper.sleep(d);
            budget.waited(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
