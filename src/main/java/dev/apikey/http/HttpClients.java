package dev.apikey.http;

import dev.apikey.core.Version;
import dev.apikey.core.Redactor;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import okhttp3.ConnectionSpec;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The one OkHttp client of an invocation, built on first use (OkHttp's start-up is not free): timeouts,
 * retries for idempotent calls, proxies from the environment, a User-Agent naming apikey, TLS
 * verification as the JDK does it (never disabled), and the redacting {@code -v} log.
 */
public final class HttpClients {
    /**
     * Timeouts and retry policy (SPEC §8): connect, at most {@code readTimeout} without a byte, one call
     * (one attempt, its body included) at most {@code callTimeout}, one operation with its retries
     * given up within {@code operationTimeout}.
     */
    public record Settings(Duration connectTimeout, Duration readTimeout, Duration callTimeout, int maxAttempts,
                           Duration baseDelay, Duration maxDelay, Duration operationTimeout) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(60), 4, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2));
        /** Sets a whole call's limit; {@code APIKEY_HTTP_TIMEOUT}. */
        public static final String TIMEOUT_VARIABLE = "APIKEY_HTTP_TIMEOUT";

        /** With an operation budget of twice the call timeout, as the defaults have. */
        public Settings(Duration connectTimeout, Duration readTimeout, Duration callTimeout, int maxAttempts,
                        Duration baseDelay, Duration maxDelay) {
            this(connectTimeout, readTimeout, callTimeout, maxAttempts, baseDelay, maxDelay, callTimeout.multipliedBy(2));
        }

        /**
         * These settings with the call timeout {@code APIKEY_HTTP_TIMEOUT} asks for (seconds, or a
         * duration such as {@code 90s}); the operation budget stays at least the default 2 minutes.
         */
        public Settings withTimeoutFrom(Map<String, String> environment) {
            String value = environment.get(TIMEOUT_VARIABLE);
            if (value == null || value.isBlank()) {
                return this;
            }
            Duration call;
            try {
                call = value.strip().matches("\\d{1,6}") ? Duration.ofSeconds(Long.parseLong(value.strip()))
                        : dev.apikey.core.Durations.parse(value);
            } catch (dev.apikey.core.ApikeyException e) {
                throw new dev.apikey.core.UsageException(TIMEOUT_VARIABLE + " must be a number of seconds or a duration "
                        + "such as 90s, not '" + value + "'", null);
            }
            if (call.isZero()) {
                throw new dev.apikey.core.UsageException(TIMEOUT_VARIABLE + " must be more than 0", null);
            }
            Duration operation = call.compareTo(operationTimeout) > 0 ? call : operationTimeout;
            return new Settings(connectTimeout.compareTo(call) > 0 ? call : connectTimeout, readTimeout, call,
                    maxAttempts, baseDelay, maxDelay, operation);
        }
    }

    private final Map<String, String> environment;
    private final Settings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Redactor redactor;
    private final PrintStream err;
    private final boolean verbose;
    private OkHttpClient client;
    private OkHttpClient cleartextClient;

    public HttpClients(Map<String, String> environment, Settings settings, Clock clock, Sleeper sleeper,
                       Redactor redactor, PrintStream err, boolean verbose) {
        this.environment = environment;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.redactor = redactor;
        this.err = err;
        this.verbose = verbose;
    }

    public static String userAgent() {
        return "apikey/" + Version.current();
    }

    public Settings settings() {
        return settings;
    }

    /** How callers that retry on their own (a throttled AWS call) wait; tests record instead of sleeping. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /**
     * The shared client for a request to {@code url}. Redirects are not followed: callers that follow them
     * decide what to resend. A plain-http URL (which the policy allows to loopback hosts only) gets a client
     * without TLS, so that a request to a local server never loads the system's trust store (parsing its
     * certificates is most of a cold request's time).
     */
    public synchronized OkHttpClient client(HttpUrl url) {
        if (url.isHttps()) {
            if (client == null) {
                client = ClientBuilder.build(this, false);
            }
            return client;
        }
        if (cleartextClient == null) {
            cleartextClient = ClientBuilder.build(this, true);
        }
        return cleartextClient;
    }

    /**
     * Sends a request as one operation: retried where that is safe ({@link Retries}), each attempt
     * within the call timeout, all of it within the operation's budget. Returns the response whatever
     * its status.
     */
    public okhttp3.Response send(okhttp3.Request request) throws java.io.IOException {
        return new Retries(settings.maxAttempts(), settings.baseDelay(), settings.maxDelay(), settings.operationTimeout(),
                sleeper, clock, new Random()).execute(client(request.url()), request);
    }

    /**
     * Builds the client. Its own class, so that verifying {@link HttpClients} (which every command that
     * reads a provider's settings loads) does not load OkHttp's classes; only sending a request does.
     */
    private static final class ClientBuilder {
        static OkHttpClient build(HttpClients h, boolean cleartextOnly) {
            OkHttpClient.Builder b = new OkHttpClient.Builder()
                    .connectTimeout(h.settings.connectTimeout())
                    .readTimeout(h.settings.readTimeout())
                    .writeTimeout(h.settings.readTimeout())
                    .callTimeout(h.settings.callTimeout())
                    .followRedirects(false)
                    .followSslRedirects(false)
                    .proxySelector(new EnvProxySelector(h.environment))
                    .addInterceptor(chain -> chain.proceed(chain.request().header("User-Agent") == null
                            ? chain.request().newBuilder().header("User-Agent", userAgent()).build()
                            : chain.request()));
            String httpsUser = EnvProxySelector.userInfo(h.environment, true);
            String httpUser = EnvProxySelector.userInfo(h.environment, false);
            String user = httpsUser != null ? httpsUser : httpUser;
            if (user != null && user.contains(":")) {
                String name = URLDecoder.decode(user.substring(0, user.indexOf(':')), StandardCharsets.UTF_8);
                String password = URLDecoder.decode(user.substring(user.indexOf(':') + 1), StandardCharsets.UTF_8);
                String credential = Credentials.basic(name, password);
                b.proxyAuthenticator((route, response) -> response.request().header("Proxy-Authorization") != null ? null
                        : response.request().newBuilder().header("Proxy-Authorization", credential).build());
            }
            if (h.verbose) {
                b.addNetworkInterceptor(new VerboseLog(h.err, h.redactor, Set.of()));
            }
            if (cleartextOnly) {
                // No TLS connection spec: OkHttp then sets up no trust manager at all.
                b.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
            }
            return b.build();
        }
    }
}
