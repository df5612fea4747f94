package dev.apikey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestPolicyTest {
    static UsableKey bound(String baseUrl, List<String> origins) {
        return new UsableKey(KeyRef.parse("svc/k"), null, Secret.of("ak_secretsecret"), true, KeyUsage.BEARER, origins, baseUrl);
    }

    static final UsableKey API = bound("https://api.example.com/v1", List.of("https://api.example.com", "https://uploads.example.com"));
    static final UsableKey UNBOUND = bound(null, List.of());

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', value = {
        "https://api.example.com/v1  | models                    | https://api.example.com/v1/models",
        "https://api.example.com/v1  | /models                   | https://api.example.com/v1/models",
        "https://api.example.com/v1/ | /models?limit=5           | https://api.example.com/v1/models?limit=5",
        "https://api.example.com     | users/me                  | https://api.example.com/users/me",
        "https://api.example.com/v1  | https://api.example.com/x | https://api.example.com/x",
        "https://api.example.com/v1  | HTTPS://api.example.com/x | HTTPS://api.example.com/x",
    })
    void resolvesPathsAgainstTheBaseUrlKeepingItsPath(String base, String target, String expected) {
        RequestPolicy.Target resolved = RequestPolicy.target(bound(base, List.of()), target);
        assertThat(resolved.url()).isEqualTo(URI.create(expected));
        assertThat(resolved.origin()).isEqualTo(Origin.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ftp://api.example.com/x        | unsupported URL scheme",
        "https:///nohost                | no host",
        "https://u:p@api.example.com/x  | credentials before the host",
        "https://api.example.com/a b    | invalid URL",
    })
    void refusesUrlsItCannotSendTo(String target, String message) {
        assertThatThrownBy(() -> RequestPolicy.target(API, target)).isInstanceOf(UsageException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aPathNeedsABaseUrl() {
        assertThatThrownBy(() -> RequestPolicy.target(UNBOUND, "/health")).isInstanceOf(UsageException.class)
                .hasMessageContaining("has no base URL");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "https://api.example.com/v1/models",
        "https://API.example.com:443/x",
        "https://uploads.example.com/file",
    })
    void allowsTheKeysOwnOrigins(String url) {
        assertThatCode(() -> RequestPolicy.allow(API, Origin.parse(url), List.of())).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "https://evil.example.com/x",
        "https://api.example.com:8443/x",
        "https://api.example.com.evil.net/x",
        "https://api.example.com./x",
    })
    void refusesOtherOrigins(String url) {
        assertThatThrownBy(() -> RequestPolicy.allow(API, Origin.parse(url), List.of())).isInstanceOf(PolicyException.class)
                .hasMessageContaining("is bound to https://api.example.com, https://uploads.example.com");
    }

    @Test
    void refusesPlainHttpExceptToLoopback() {
        UsableKey httpBound = bound(null, List.of("http://api.example.com"));
        assertThatThrownBy(() -> RequestPolicy.allow(httpBound, Origin.parse("http://api.example.com/x"), List.of()))
                .isInstanceOf(PolicyException.class).hasMessageContaining("plain http");
        assertThatThrownBy(() -> RequestPolicy.requireSecureTransport(URI.create("http://10.0.0.1/x")))
                .isInstanceOf(PolicyException.class);
        for (String loopback : List.of("http://localhost:8080/x", "http://127.0.0.1/x", "http://[::1]:9/x", "http://a.localhost/")) {
            assertThatCode(() -> RequestPolicy.requireSecureTransport(URI.create(loopback))).doesNotThrowAnyException();
        }
    }

    @Test
    void aKeyBoundToNoHostNeedsAllowHost() {
        Origin url = Origin.parse("https://api.mine.dev/x");
        assertThatThrownBy(() -> RequestPolicy.allow(UNBOUND, url, List.of())).isInstanceOf(PolicyException.class)
                .hasMessageContaining("bound to no host").hasMessageContaining("https://api.mine.dev");
        assertThatCode(() -> RequestPolicy.allow(UNBOUND, url, List.of("api.mine.dev"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> RequestPolicy.allow(UNBOUND, url, List.of("other.dev"))).isInstanceOf(PolicyException.class)
                .hasMessageContaining("matches no --allow-host");
    }

    @ParameterizedTest(name = "--allow-host {0} for {1}: {2}")
    @CsvSource({
        "localhost,                http://localhost:8080/x,  true",
        "localhost,                https://localhost:9443/x, true",
        "127.0.0.1,                http://127.0.0.1:5000/x,  true",
        "127.0.0.1,                http://localhost:5000/x,  false",
        "localhost:8080,           http://localhost:8080/x,  true",
        "localhost:8080,           https://localhost:8080/x, true",
        "localhost:8081,           http://localhost:8080/x,  false",
        "http://localhost:8080,    http://localhost:8080/x,  true",
        "http://localhost:8080/,   http://localhost:8080/x,  true",
        "https://localhost:8080,   http://localhost:8080/x,  false",
        "http://localhost,         http://localhost:8080/x,  false",
        "api.mine.dev,             https://api.mine.dev/x,   true",
        "api.mine.dev:443,         https://api.mine.dev/x,   true",
        "API.mine.dev,             https://api.mine.dev/x,   true",
        "api.mine.dev,             https://api.mine.dev:8443/x, false",
        "https://api.mine.dev,     https://api.mine.dev:8443/x, false",
        "api.mine.dev:8443,        https://api.mine.dev:8443/x, true",
        "https://api.mine.dev:8443, https://api.mine.dev:8443/x, true",
        "api.mine.dev,             http://api.mine.dev/x,    false",
        "mine.dev,                 https://api.mine.dev/x,   false",
    })
    void allowHostAllowsTheOriginItNames(String entry, String url, boolean allowed) {
        assertThat(AllowedHost.parse(entry).covers(Origin.parse(url))).isEqualTo(allowed);
        // provider add --allow-host records the same rule: a key bound by the provider may go exactly there too
        assertThat(Origin.covers(Origin.boundTo(null, List.of(entry)), Origin.parse(url))).isEqualTo(allowed);
    }

    @Test
    void requestAllowHostIsNoWiderThanTheProvidersOwn() {
        Origin otherPort = Origin.parse("https://api.mine.dev:8443/x");
        assertThatThrownBy(() -> RequestPolicy.allow(UNBOUND, otherPort, List.of("api.mine.dev")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("matches no --allow-host")
                .extracting(e -> ((PolicyException) e).hint()).asString().contains("--allow-host api.mine.dev:8443");
        assertThatCode(() -> RequestPolicy.allow(UNBOUND, otherPort, List.of("api.mine.dev:8443"))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"api.mine.dev/path", "https://api.mine.dev/v1", "https://", "a b", "user@api.mine.dev", "ftp://api.mine.dev",
        "api.mine.dev?q=1"})
    void badAllowHostIsAUsageError(String entry) {
        assertThatThrownBy(() -> AllowedHost.parse(entry)).isInstanceOf(UsageException.class)
                .hasMessageContaining("invalid --allow-host");
        assertThatThrownBy(() -> Origin.boundTo(null, List.of(entry))).isInstanceOf(UsageException.class)
                .hasMessageContaining("invalid --allow-host");
    }

    @Test
    void allowHostIsOnlyForKeysBoundToNoHost() {
        assertThatThrownBy(() -> RequestPolicy.allow(API, Origin.parse("https://api.example.com/x"), List.of("api.example.com")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("only for keys bound to no host");
    }
}
