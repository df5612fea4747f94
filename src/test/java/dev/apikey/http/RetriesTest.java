package dev.apikey.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** One operation, its retries and their waits included, ends within its budget (SPEC §8). */
class RetriesTest {
    @Test
    void retriesOfACallThatNeverAnswersStopWhenTheOperationsBudgetIsSpent() throws Exception {
        try (TimeoutsIT.StuckServer silent = new TimeoutsIT.StuckServer(false)) {
            OkHttpClient client = new OkHttpClient.Builder().callTimeout(Duration.ofMillis(400)).build();
            Retries retries = new Retries(50, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(1000),
                    d -> Thread.sleep(d.toMillis()), Clock.systemUTC(), new Random(1));
            Request get = new Request.Builder().url(silent.baseUrl() + "/api/keys").build();
            long start = System.nanoTime();

            assertThatThrownBy(() -> retries.execute(client, get)).isInstanceOf(InterruptedIOException.class)
                    .satisfies(e -> assertThat(HttpErrors.isTimeout(e)).isTrue());

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(Duration.ofMillis(1600));
            assertThat(silent.requests("GET")).as("attempts within 1 s of 400 ms each").isBetween(2, 3);
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    @Test
    void theWaitsCountTowardTheBudgetEvenWhenTheSleeperDoesNotSleep() throws Exception {
        try (mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer()) {
            server.setDispatcher(new mockwebserver3.Dispatcher() {
                @Override
                public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest r) {
                    return new mockwebserver3.MockResponse.Builder().code(503).setHeader("Retry-After", "1").build();
                }
            });
            server.start();
            java.util.List<Duration> waits = new java.util.ArrayList<>();
            OkHttpClient client = new OkHttpClient();
            // 50 attempts allowed, but 2.5 s for the operation: two waits of 1 s fit, a third does not.
            Retries retries = new Retries(50, Duration.ofMillis(10), Duration.ofSeconds(5), Duration.ofMillis(2500),
                    waits::add, Clock.systemUTC(), new Random(1));

            try (okhttp3.Response last = retries.execute(client, new Request.Builder().url(server.url("/keys")).build())) {
                assertThat(last.code()).isEqualTo(503);
            }

            assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
            assertThat(server.getRequestCount()).isEqualTo(3);
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
