package dev.apikey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where a key may go, decided in one place. Each row: a URL, then the origin it is (or the problem that
 * makes it none), whether it is this machine, and whether a key may travel to it in that scheme. Every
 * URL accepted here must be read as the same origin by OkHttp, which sends the request.
 */
class OriginTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // default ports, case, paths
        "https://api.example.com                   | https://api.example.com        | false | true",
        "https://api.example.com:443/v1?x=1        | https://api.example.com        | false | true",
        "HTTPS://API.Example.COM/V1                | https://api.example.com        | false | true",
        "https://api.example.com:8443              | https://api.example.com:8443   | false | true",
        "http://api.example.com:80/                | http://api.example.com         | false | false",
        "http://api.example.com:443                | http://api.example.com:443     | false | false",
        // a trailing dot makes another origin (as in browsers), but localhost. is still this machine
        "https://api.example.com./x                | https://api.example.com.       | false | true",
        "http://LocalHost.:8080                    | http://localhost.:8080         | true  | true",
        "http://127.0.0.1./                        | AMBIGUOUS_HOST                 |       |",
        // localhost and loopback addresses
        "http://localhost:8080/x                   | http://localhost:8080          | true  | true",
        "http://api.localhost                      | http://api.localhost           | true  | true",
        "http://localhost.example.com              | http://localhost.example.com   | false | false",
        "http://127.0.0.1:9/                       | http://127.0.0.1:9             | true  | true",
        "http://127.200.0.7                        | http://127.200.0.7             | true  | true",
        "http://127.0.0.1.example.com              | http://127.0.0.1.example.com   | false | false",
        "http://10.0.0.1                           | http://10.0.0.1                | false | false",
        // IPv6, IPv4-mapped included
        "http://[::1]:8080/x                       | http://[::1]:8080              | true  | true",
        "http://[0:0:0:0:0:0:0:1]                  | http://[::1]                   | true  | true",
        "http://[::ffff:127.0.0.1]:8080            | http://127.0.0.1:8080          | true  | true",
        "http://[::FFFF:7f00:1]                    | http://127.0.0.1               | true  | true",
        "http://[::ffff:10.0.0.1]                  | http://10.0.0.1                | false | false",
        "https://[2001:DB8:0:0:0:0:0:1]            | https://[2001:db8::1]          | false | true",
        "http://[2001:db8::1]                      | http://[2001:db8::1]           | false | false",
        // what parsers read differently is no origin at all
        "https://api.example.com@evil.example      | USERINFO                       |       |",
        "https://user:pw@api.example.com/          | USERINFO                       |       |",
        "http://2130706433/                        | AMBIGUOUS_HOST                 |       |",
        "http://0x7f000001/                        | AMBIGUOUS_HOST                 |       |",
        "http://0177.0.0.1/                        | AMBIGUOUS_HOST                 |       |",
        "http://127.1/                             | AMBIGUOUS_HOST                 |       |",
        "http://127.000.000.001/                   | AMBIGUOUS_HOST                 |       |",
        "//evil.example/x                          | NOT_A_URL                      |       |",
        "https:\\\\evil.example/                   | NOT_A_URL                      |       |",
        "https://api.example.com\\@evil.example/   | NOT_A_URL                      |       |",
        "api.example.com/v1                        | NOT_A_URL                      |       |",
        "https://api.example.com:0/                | NOT_A_URL                      |       |",
        "https:///nohost                           | NO_HOST                        |       |",
        "ftp://api.example.com/                    | UNSUPPORTED_SCHEME             |       |",
    })
    void decidesWhereAKeyMayGo(String url, String expected, Boolean loopback, Boolean secure) {
        if (loopback == null) {
            assertThatThrownBy(() -> Origin.parse(url)).as(url).isInstanceOfSatisfying(Origin.InvalidException.class,
                    e -> assertThat(e.problem().name()).as(url).isEqualTo(expected));
            return;
        }
        Origin origin = Origin.parse(url);
        assertThat(origin.toString()).as(url).isEqualTo(expected);
        assertThat(origin.isLoopback()).as(url + " is loopback").isEqualTo(loopback);
        assertThat(origin.isSecureTransport()).as(url + " may carry a key").isEqualTo(secure);
        assertThat(Origin.isLoopbackHost(origin.host())).as(url).isEqualTo(loopback);
        HttpUrl okhttp = HttpUrl.get(url);
        assertThat(Origin.of(okhttp.scheme(), okhttp.host(), okhttp.port())).as("OkHttp's reading of " + url)
                .isEqualTo(origin);
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "https://api.example.com       | https://API.example.com:443/x | true",
        "https://api.example.com       | https://api.example.com.      | false",
        "http://[::1]:8080             | http://[0::1]:8080/           | true",
        "https://api.example.com       | http://api.example.com        | false",
        "https://api.example.com       | https://api.example.com:8443  | false",
        "https://api.example.com       | https://example.com           | false",
        "https://api.example.com       | https://api.example.com.evil  | false",
    })
    void sameOriginIsSchemeHostAndPort(String a, String b, boolean same) {
        assertThat(Origin.parse(a).sameOrigin(Origin.parse(b))).as(a + " vs " + b).isEqualTo(same);
    }

    @Test
    void keysAreBoundToTheBaseUrlAndEachAllowedHostOverHttps() {
        assertThat(Origin.boundTo("https://API.example.com:443/v2", java.util.List.of("Other.example", "eu.example:8443",
                "http://localhost:9"))).containsExactly("https://api.example.com", "https://other.example",
                "https://eu.example:8443", "http://localhost:9");
        assertThatThrownBy(() -> Origin.boundTo("https://api.example.com@evil.example", java.util.List.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("invalid URL");
    }

    @Test
    void anOriginIsCanonicalOrNotMadeAtAll() {
        assertThat(Origin.of("HTTPS", "[::1]", -1)).isEqualTo(new Origin("https", "::1", 443));
        assertThatThrownBy(() -> new Origin("https", "API.example.com", 443)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Origin.of("https", "[fe80::1%25eth0]", 443)).isInstanceOf(Origin.InvalidException.class);
    }
}
