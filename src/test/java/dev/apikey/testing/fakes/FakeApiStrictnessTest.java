package dev.apikey.testing.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The fakes are strict: a request to a route the fake does not have, or a fault nothing consumed, fails the test. */
class FakeApiStrictnessTest {
    private static final String ADMIN = "acme-admin";
    private final OkHttpClient client = new OkHttpClient();

    private int get(FakeApi fake, String path) throws IOException {
        Request request = new Request.Builder().url(fake.baseUrl() + path).header("X-Acme-Admin", ADMIN).build();
        try (Response r = client.newCall(request).execute()) {
            return r.code();
        }
    }

    @Test
    void aRequestNoRouteMatchesIsNotAnsweredAsTheProvidersNotFoundAndFailsTheTest() throws Exception {
        AcmeVaultFake fake = new AcmeVaultFake(ADMIN);
        assertThat(get(fake, "/api/keyz")).isEqualTo(501);
        assertThatThrownBy(fake::close).isInstanceOf(AssertionError.class)
                .hasMessageContaining("a request no route matches: GET /api/keyz");
    }

    @Test
    void aQueuedFaultNothingConsumedFailsTheTest() {
        AcmeVaultFake fake = new AcmeVaultFake(ADMIN);
        fake.failNext("POST", "/api/keys", 2, 503, "busy");
        fake.failAlways("DELETE", "/api/keys/", 500, "down");
        assertThatThrownBy(fake::close).isInstanceOf(AssertionError.class)
                .hasMessageContaining("a queued fault no request consumed: POST …/api/keys (2 more times)")
                .hasMessageContaining("a queued fault no request consumed: DELETE …/api/keys/ (every time)");
    }

    @Test
    void aFaultForSeveralRequestsMustMeetThemAll() throws Exception {
        AcmeVaultFake fake = new AcmeVaultFake(ADMIN);
        fake.failNext("GET", "/api/keys", 2, 503, "busy");
        assertThat(get(fake, "/api/keys")).isEqualTo(503);
        assertThat(fake.surprises()).containsExactly("a queued fault no request consumed: GET …/api/keys (1 more time)");
        assertThat(get(fake, "/api/keys")).isEqualTo(503);
        assertThat(get(fake, "/api/keys")).isEqualTo(200);
        fake.close();
    }

    @Test
    void aFaultForEveryRequestIsSatisfiedByOne() throws Exception {
        try (AcmeVaultFake fake = new AcmeVaultFake(ADMIN)) {
            fake.failAlways("GET", "/api/keys", 500, "down");
            assertThat(get(fake, "/api/keys")).isEqualTo(500);
            assertThat(fake.surprises()).isEmpty();
        }
    }
}
