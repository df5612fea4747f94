package dev.apikey.http;

import dev.apikey.core.Version;
import dev.apikey.core.Redactor;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;

/**
 * The one OkHttp client of an invocation, built on first use (OkHttp's start-up is not free): timeouts,
 * retries for idempotent calls, proxies from the environment, a User-Agent naming apikey, TLS
 * verification as the JDK does it (never disabled), and the redacting {@code -v} log.
 */
public final class HttpClients {
    /** Timeouts and retry policy. */
    public record Settings(Duration connectTimeout, Duration readTimeout, Duration callTimeout, int maxAttempts,
                           Duration baseDelay, Duration maxDelay) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(120), 4, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    private final Map<String, String> environment;
    private final Settings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Redactor redactor;
    private final PrintStream err;
    private final boolean verbose;
    private OkHttpClient client;

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

    /** The shared client. Redirects are not followed: callers that follow them decide what to resend. */
    public synchronized OkHttpClient client() {
        if (client == null) {
            client = ClientBuilder.build(this);
        }
        return client;
    }

    /**
     * Builds the client. Its own class, so that verifying {@link HttpClients} (which every command that
     * reads a provider's settings loads) does not load OkHttp's classes; only sending a request does.
     */
    private static final class ClientBuilder {
        static OkHttpClient build(HttpClients h) {
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
                            : chain.request()))
                    .addInterceptor(new RetryInterceptor(h.settings.maxAttempts(), h.settings.baseDelay(),
                            h.settings.maxDelay(),
                            h.sleeper, h.clock, new Random()));
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
            return b.build();
        }
    }
}
