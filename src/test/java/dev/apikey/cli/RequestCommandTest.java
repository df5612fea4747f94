package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code apikey request} against local servers: what is sent where, and what the user sees. */
class RequestCommandTest {
    @TempDir
    Path dir;
    CliRunner cli;
    MockWebServer server;
    MockWebServer other;
    String base;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRunner(dir);
        server = new MockWebServer();
        server.start();
        other = new MockWebServer();
        other.start();
        base = "http://127.0.0.1:" + server.getPort();
    }

    @AfterEach
    void tearDown() {
        server.close();
        other.close();
    }

    /** A local provider bound to the test server, with one key; returns the key's secret. */
    String keyAt(String baseUrl, String... providerOptions) {
        String[] add = new String[5 + providerOptions.length];
        System.arraycopy(new String[] {"provider", "add", "svc", "--type", "local"}, 0, add, 0, 5);
        System.arraycopy(providerOptions, 0, add, 5, providerOptions.length);
        Result added = cli.run(concat(add, "--base-url", baseUrl));
        assertThat(added.exit()).as(added.toString()).isZero();
        Result created = cli.run("create", "svc/k");
        assertThat(created.exit()).as(created.toString()).isZero();
        return cli.keychain().item("apikey", "svc/k");
    }

    static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    RecordedRequest taken(MockWebServer s) throws InterruptedException {
        RecordedRequest r = s.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).as("a request reached the server").isNotNull();
        return r;
    }

    @Test
    void injectsTheKeyAsBearerByDefaultAndStreamsTheBody() throws Exception {
        String secret = keyAt(base + "/api/v1");
        server.enqueue(ok("{\"models\":[]}"));

        Result r = cli.run("request", "svc/k", "models?limit=5");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("{\"models\":[]}");
        RecordedRequest sent = taken(server);
        assertThat(sent.getMethod()).isEqualTo("GET");
        assertThat(sent.getTarget()).isEqualTo("/api/v1/models?limit=5");
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + secret);
        assertThat(sent.getHeaders().get("User-Agent")).startsWith("apikey/");
        assertThat(r.err()).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "X-Api-Key     | {secret}",
        "Authorization | Token {secret}",
        "Authorization | Basic {id}:{secret}",
    })
    void injectsTheKeyPerTheProvidersScheme(String header, String scheme) throws Exception {
        String secret = keyAt(base, "--header", header, "--scheme", scheme);
        String id = cli.run("list", "--json").out().replaceAll("(?s).*\"id\" ?: ?\"([^\"]+)\".*", "$1");
        server.enqueue(ok("{}"));

        Result r = cli.run("request", "svc/k", "/whoami");

        assertThat(r.exit()).as(r.toString()).isZero();
        String expected = scheme.startsWith("Basic ")
                ? "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8))
                : scheme.replace("{secret}", secret);
        assertThat(taken(server).getHeaders().get(header)).isEqualTo(expected);
    }

    @Test
    void anExplicitHeaderWinsOverTheKeyAndAnEmptyOneSendsNone() throws Exception {
        String secret = keyAt(base);
        server.enqueue(ok("{}"));
        server.enqueue(ok("{}"));

        Result mine = cli.run("request", "svc/k", "/x", "-H", "authorization: Bearer mine", "-H", "X-Trace: 1");
        Result none = cli.run("request", "svc/k", "/x", "-H", "Authorization:");

        assertThat(mine.exit()).as(mine.toString()).isZero();
        RecordedRequest first = taken(server);
        assertThat(first.getHeaders().values("Authorization")).containsExactly("Bearer mine");
        assertThat(first.getHeaders().get("X-Trace")).isEqualTo("1");
        assertThat(none.exit()).as(none.toString()).isZero();
        RecordedRequest second = taken(server);
        assertThat(second.getHeaders().get("Authorization")).isNull();
        assertThat(second.getHeaders().toString()).doesNotContain(secret);
    }

    @Test
    void refusesAnotherHostAndSendsNothing() {
        keyAt(base);

        Result r = cli.run("request", "svc/k", "http://localhost:" + server.getPort() + "/x");
        Result port = cli.run("request", "svc/k", "http://127.0.0.1:" + other.getPort() + "/x");

        assertThat(r.exit()).as(r.toString()).isEqualTo(7);
        assertThat(r.err()).contains("svc/k is bound to " + base + ", not to http://localhost:" + server.getPort());
        assertThat(port.exit()).as(port.toString()).isEqualTo(7);
        assertThat(server.getRequestCount()).isZero();
        assertThat(other.getRequestCount()).isZero();
    }

    @Test
    void refusesPlainHttpToANonLoopbackHostAndSendsNothing() throws Exception {
        // The provider allows the host, but not over plain http. A proxy would see any attempt.
        keyAt(base, "--allow-host", "http://api.example.com");
        cli.env("HTTP_PROXY", "http://127.0.0.1:" + other.getPort());

        Result r = cli.run("request", "svc/k", "http://api.example.com/v1");

        assertThat(r.exit()).as(r.toString()).isEqualTo(7);
        assertThat(r.err()).contains("apikey: plain http is allowed only to loopback hosts, not api.example.com")
                .contains("hint: use https://api.example.com");
        assertThat(other.getRequestCount()).isZero();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aKeyBoundToNoHostNeedsAllowHostForThisRequest() throws Exception {
        Result created = cli.run("create", "local/dev");
        assertThat(created.exit()).as(created.toString()).isZero();
        server.enqueue(ok("up"));

        Result refused = cli.run("request", "local/dev", base + "/health");
        Result wrongHost = cli.run("request", "local/dev", base + "/health", "--allow-host", "localhost");
        Result allowed = cli.run("request", "local/dev", base + "/health", "--allow-host", "127.0.0.1");

        assertThat(refused.exit()).as(refused.toString()).isEqualTo(7);
        assertThat(refused.err()).contains("local/dev is bound to no host")
                .contains("hint: name the host for this request with --allow-host 127.0.0.1:" + server.getPort());
        assertThat(wrongHost.exit()).as(wrongHost.toString()).isEqualTo(7);
        assertThat(allowed.exit()).as(allowed.toString()).isZero();
        assertThat(allowed.out()).isEqualTo("up");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void requestAllowHostNamesAnOriginAsProviderAddDoes() throws Exception {
        // api.example.com is https://api.example.com on port 443, for request as for provider add: another port
        // is another origin. A proxy would see any attempt to reach it.
        assertThat(cli.run("create", "local/dev").exit()).isZero();
        cli.env("HTTPS_PROXY", "http://127.0.0.1:" + other.getPort());

        Result bareHost = cli.run("request", "local/dev", "https://api.example.com:8443/x", "--allow-host", "api.example.com");
        Result withScheme = cli.run("request", "local/dev", "https://api.example.com:8443/x",
                "--allow-host", "https://api.example.com");

        assertThat(bareHost.exit()).as(bareHost.toString()).isEqualTo(7);
        assertThat(bareHost.err()).contains("https://api.example.com:8443 matches no --allow-host entry")
                .contains("hint: name the host this request goes to: --allow-host api.example.com:8443");
        assertThat(withScheme.exit()).as(withScheme.toString()).isEqualTo(7);
        assertThat(other.getRequestCount()).isZero();
    }

    @Test
    void providerAllowHostOfALoopbackHostReachesItsLocalServers() throws Exception {
        // Like request --allow-host 127.0.0.1: this machine's host on any port, plain http allowed there.
        assertThat(cli.run("provider", "add", "svc", "--type", "local", "--allow-host", "127.0.0.1").exit()).isZero();
        assertThat(cli.run("create", "svc/k").exit()).isZero();
        server.enqueue(ok("up"));

        Result allowed = cli.run("request", "svc/k", base + "/health");
        Result otherHost = cli.run("request", "svc/k", "http://localhost:" + server.getPort() + "/health");

        assertThat(allowed.exit()).as(allowed.toString()).isZero();
        assertThat(allowed.out()).isEqualTo("up");
        assertThat(otherHost.exit()).as(otherHost.toString()).isEqualTo(7);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(cli.run("provider", "show", "svc").out()).contains("127.0.0.1");
    }

    @Test
    void allowHostIsRefusedForABoundKey() {
        keyAt(base);

        Result r = cli.run("request", "svc/k", "https://api.example.com/x", "--allow-host", "api.example.com");

        assertThat(r.exit()).as(r.toString()).isEqualTo(7);
        assertThat(r.err()).contains("--allow-host is only for keys bound to no host");
    }

    @Test
    void aRedirectToAnotherOriginDropsTheKeyWhateverItsHeader() throws Exception {
        String secret = keyAt(base, "--header", "X-Api-Key", "--scheme", "{secret}");
        String target = "http://127.0.0.1:" + other.getPort() + "/landed";
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", target).build());
        other.enqueue(ok("landed"));

        Result r = cli.run("request", "svc/k", "/start", "-H", "Authorization: Bearer mine", "-H", "Cookie: c=1",
                "-H", "X-Echo: " + secret, "-H", "Accept: text/plain");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("landed");
        assertThat(taken(server).getHeaders().get("X-Api-Key")).isEqualTo(secret);
        RecordedRequest elsewhere = taken(other);
        assertThat(elsewhere.getHeaders().get("X-Api-Key")).isNull();
        assertThat(elsewhere.getHeaders().get("Authorization")).isNull();
        assertThat(elsewhere.getHeaders().get("Cookie")).isNull();
        assertThat(elsewhere.getHeaders().get("X-Echo")).isNull();
        assertThat(elsewhere.getHeaders().get("Accept")).isEqualTo("text/plain");
        assertThat(elsewhere.getHeaders().toString()).doesNotContain(secret);
    }

    @Test
    void aRedirectFromPlainHttpToHttpsIsMadeOverTls() throws Exception {
        // A plain-http request is sent by a client without TLS; the https hop must still get one that has it.
        // The other end answers in plain text at once, so the TLS handshake fails: proof that one was attempted.
        keyAt(base);
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (Socket s = plain.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    s.shutdownOutput();
                    s.getInputStream().readAllBytes(); // until the client gives up and closes
                } catch (IOException e) {
                    // the client closed first
                }
            }, "plain-text-answer");
            answer.start();
            server.enqueue(new MockResponse.Builder().code(302)
                    .addHeader("Location", "https://127.0.0.1:" + plain.getLocalPort() + "/landed").build());

            Result r = cli.run("request", "svc/k", "/start");

            assertThat(r.exit()).as(r.toString()).isEqualTo(6);
            assertThat(r.err()).as(r.toString()).contains("TLS failed with 127.0.0.1");
            assertThat(taken(server).getTarget()).isEqualTo("/start");
            answer.join(5_000);
        }
    }

    @Test
    void aRedirectToAnotherOriginDropsTheKeysHeaderAlsoWhenTheUserGaveIt() throws Exception {
        keyAt(base, "--header", "X-Api-Key", "--scheme", "{secret}");
        server.enqueue(new MockResponse.Builder().code(308).addHeader("Location", "http://127.0.0.1:" + other.getPort() + "/")
                .build());
        other.enqueue(ok("landed"));

        Result r = cli.run("request", "svc/k", "/start", "-H", "X-Api-Key: users-own-key");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(taken(server).getHeaders().get("X-Api-Key")).isEqualTo("users-own-key");
        assertThat(taken(other).getHeaders().get("X-Api-Key")).isNull();
    }

    @Test
    void aRedirectToTheSameOriginKeepsTheKeyAndA307KeepsTheBody() throws Exception {
        String secret = keyAt(base);
        server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", "/v2/items").build());
        server.enqueue(ok("{\"id\":1}"));

        Result r = cli.run("request", "svc/k", "/v1/items", "-d", "{\"name\":\"x\"}");

        assertThat(r.exit()).as(r.toString()).isZero();
        RecordedRequest first = taken(server);
        RecordedRequest second = taken(server);
        assertThat(first.getMethod()).isEqualTo("POST");
        assertThat(second.getMethod()).isEqualTo("POST");
        assertThat(second.getTarget()).isEqualTo("/v2/items");
        assertThat(second.getBody().utf8()).isEqualTo("{\"name\":\"x\"}");
        assertThat(second.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(second.getHeaders().get("Authorization")).isEqualTo("Bearer " + secret);
    }

    @Test
    void a303TurnsThePostIntoAGetWithoutBody() throws Exception {
        keyAt(base);
        server.enqueue(new MockResponse.Builder().code(303).addHeader("Location", "/result").build());
        server.enqueue(ok("done"));

        Result r = cli.run("request", "svc/k", "/jobs", "-f", "name=x");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(taken(server).getMethod()).isEqualTo("POST");
        RecordedRequest second = taken(server);
        assertThat(second.getMethod()).isEqualTo("GET");
        assertThat(second.getBodySize()).isZero();
        assertThat(second.getHeaders().get("Content-Type")).isNull();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource(delimiter = '|', value = {"404 | Not Found", "401 | Unauthorized", "429 | Too Many Requests", "500 | Internal Server Error", "503 | Service Unavailable"})
    void aStatusOf400OrMorePrintsTheBodyAndExits1WithoutRetrying(int code, String reason) throws Exception {
        keyAt(base);
        server.enqueue(new MockResponse.Builder().status("HTTP/1.1 " + code + " " + reason).addHeader("Retry-After", "0")
                .body("{\"error\":\"nope\"}").build());

        Result r = cli.run("request", "svc/k", "/x", "-i");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).startsWith("HTTP/1.1 " + code + " " + reason + "\r\n").contains("Retry-After: 0\r\n")
                .endsWith("\r\n\r\n{\"error\":\"nope\"}");
        assertThat(r.err()).startsWith("apikey: HTTP " + code + " " + reason + "\n");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(cli.sleeps()).isEmpty();
    }

    @Test
    void theStatusLineAndHeadersOfIncludeAreEscapedAndTheBodyIsNot() throws Exception {
        keyAt(base);
        // A hostile server: control characters in the reason phrase and in a header's name and value.
        server.enqueue(new MockResponse.Builder().status("HTTP/1.1 200 OK\u001b[2J")
                .addHeaderLenient("X-Note\u001b]0;t\u0007", "a\u001b[31mred\rb").body("raw\u001b[0m body").build());

        Result r = cli.run("request", "svc/k", "/x", "-i");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("HTTP/1.1 200 OK\\x1b[2J\r\n")
                .contains("X-Note\\x1b]0;t\\x07: a\\x1b[31mred\\rb\r\n")
                .endsWith("\r\n\r\nraw\u001b[0m body");
    }

    @Test
    void noResponseExits6WithTheCause() {
        String closed = "http://127.0.0.1:" + other.getPort();
        other.close();
        keyAt(closed);

        Result r = cli.run("request", "svc/k", "/x");

        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(r.err()).contains("apikey: request to " + closed + ": cannot connect to 127.0.0.1");
    }

    @Test
    void includePrintsStatusAndHeadersAndSilentDropsTheBody() throws Exception {
        keyAt(base);
        server.enqueue(new MockResponse.Builder().status("HTTP/1.1 201 Created").addHeader("X-Request-Id", "r1").body("made").build());
        server.enqueue(new MockResponse.Builder().code(200).body("secret-ish body").build());

        Result included = cli.run("request", "svc/k", "-X", "put", "/things/1", "-i");
        Result silent = cli.run("request", "svc/k", "/things/1", "--silent", "-i");

        assertThat(included.exit()).as(included.toString()).isZero();
        assertThat(included.out()).startsWith("HTTP/1.1 201 Created\r\n").contains("X-Request-Id: r1\r\n")
                .endsWith("\r\n\r\nmade");
        assertThat(taken(server).getMethod()).isEqualTo("PUT");
        assertThat(silent.out()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n");
    }

    @Test
    void sendsDataFromAFileAndFromStdin() throws Exception {
        keyAt(base);
        Path file = dir.resolve("body.bin");
        Files.write(file, new byte[] {0, 1, 2, (byte) 0xff});
        server.enqueue(ok("a"));
        server.enqueue(ok("b"));
        server.enqueue(ok("c"));

        Result fromFile = cli.run("request", "svc/k", "/upload", "-d", "@" + file);
        Result fromStdin = cli.invocation().stdin("  [1, 2]").run("request", "svc/k", "-X", "PATCH", "/upload", "-d", "@-");
        Result typed = cli.run("request", "svc/k", "/upload", "-d", "a=1&b=2", "-H", "Content-Type: text/csv");

        assertThat(fromFile.exit()).as(fromFile.toString()).isZero();
        RecordedRequest f = taken(server);
        assertThat(f.getMethod()).isEqualTo("POST");
        assertThat(f.getBody().toByteArray()).containsExactly(0, 1, 2, 0xff);
        assertThat(f.getHeaders().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(fromStdin.exit()).as(fromStdin.toString()).isZero();
        RecordedRequest s = taken(server);
        assertThat(s.getMethod()).isEqualTo("PATCH");
        assertThat(s.getBody().utf8()).isEqualTo("  [1, 2]");
        assertThat(s.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(typed.exit()).as(typed.toString()).isZero();
        assertThat(taken(server).getHeaders().values("Content-Type")).containsExactly("text/csv");
    }

    @Test
    void fieldsMakeAJsonBodyOrAQueryForGet() throws Exception {
        keyAt(base);
        server.enqueue(ok("{}"));
        server.enqueue(ok("{}"));

        Result post = cli.run("request", "svc/k", "/issues", "-f", "title=Broken build", "-F", "confidential=true",
                "-F", "weight=3", "-f", "labels[]=ci");
        Result get = cli.run("request", "svc/k", "-X", "GET", "/search?sort=asc", "-f", "q=a b", "-F", "page=2");

        assertThat(post.exit()).as(post.toString()).isZero();
        RecordedRequest p = taken(server);
        assertThat(p.getMethod()).isEqualTo("POST");
        assertThat(p.getBody().utf8())
                .isEqualTo("{\"title\":\"Broken build\",\"labels\":[\"ci\"],\"confidential\":true,\"weight\":3}");
        assertThat(get.exit()).as(get.toString()).isZero();
        assertThat(taken(server).getTarget()).isEqualTo("/search?sort=asc&q=a+b&page=2");
    }

    @Test
    void verboseShowsTheExchangeWithEverySecretRedacted() throws Exception {
        String secret = keyAt(base, "--header", "X-Custom-Auth", "--scheme", "Basic {id}:{secret}");
        server.enqueue(ok("{\"echo\":\"" + secret + "\"}"));

        Result r = cli.run("-v", "request", "svc/k", "/x");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("> GET " + base + "/x").contains("> X-Custom-Auth: ***").contains("< 200 OK");
        String basic = taken(server).getHeaders().get("X-Custom-Auth");
        assertThat(r.err()).doesNotContain(secret).doesNotContain(basic.substring(6));
        // The body is the user's data: it goes to stdout as sent, and -v does not read it.
        assertThat(r.out()).contains(secret);
    }

    @Test
    void theEnvironmentOverrideWorksWithoutMetadataAndVerboseSaysSo() throws Exception {
        cli.env("APIKEY_SECRET_LOCAL_CI_BOT", "ak_fromTheEnvironment0123");
        server.enqueue(ok("ok"));

        Result r = cli.run("-v", "request", "local/ci-bot", base + "/x", "--allow-host", "127.0.0.1");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(taken(server).getHeaders().get("Authorization")).isEqualTo("Bearer ak_fromTheEnvironment0123");
        assertThat(r.err()).contains("* using APIKEY_SECRET_LOCAL_CI_BOT from the environment for local/ci-bot")
                .doesNotContain("ak_fromTheEnvironment0123");
        assertThat(cli.keychain().opens()).isZero();
    }

    @Test
    void aSwappedConfigDirectoryCannotRedirectAStoredKey() throws Exception {
        keyAt(base);
        assertThat(cli.keychain().item("apikey-binding", "svc/k")).isEqualTo("[\"" + base + "\"]");
        // Someone rewrites the provider's base URL behind the user's back.
        Path providers = dir.resolve("providers.json");
        String otherBase = "http://127.0.0.1:" + other.getPort();
        Files.writeString(providers, Files.readString(providers).replace(base, otherBase));

        Result r = cli.run("request", "svc/k", "/x");

        assertThat(r.exit()).as(r.toString()).isEqualTo(7);
        assertThat(r.err()).contains("svc/k was stored for " + base + ", but provider svc is now configured for " + otherBase);
        assertThat(other.getRequestCount()).isZero();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aBindingRecordedInAnEarlierSpellingOfTheSameOriginsStillVerifies() throws Exception {
        String secret = keyAt(base, "--allow-host", "api.example.com");
        assertThat(cli.keychain().item("apikey-binding", "svc/k")).isEqualTo("[\"" + base + "\",\"https://api.example.com\"]");
        // An earlier apikey wrote an allowed host's origin with its default port, and a scheme in capitals.
        cli.keychain().items().put("apikey-binding\u0000svc/k",
                "[\"" + base.replace("http:", "HTTP:") + "\",\"https://api.example.com:443\"]");
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());

        Result r = cli.run("request", "svc/k", "/x");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(taken(server).getHeaders().get("Authorization")).isEqualTo("Bearer " + secret);
    }

    @Test
    void aKeyStoredWhenALoopbackAllowHostMeantHttpsOnlyStillVerifies() throws Exception {
        String loopback = "127.0.0.1:" + server.getPort();
        String secret = keyAt("https://api.mine.dev", "--allow-host", loopback);
        assertThat(cli.keychain().item("apikey-binding", "svc/k")).isEqualTo("[\"https://api.mine.dev\",\"" + loopback + "\"]");
        // An earlier apikey recorded a loopback entry without a scheme as https on its port.
        cli.keychain().items().put("apikey-binding\u0000svc/k", "[\"https://api.mine.dev\",\"https://" + loopback + "\"]");
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());

        Result r = cli.run("request", "svc/k", "http://" + loopback + "/x");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(taken(server).getHeaders().get("Authorization")).isEqualTo("Bearer " + secret);
    }

    @Test
    void aKeyWhoseBindingWasRemovedIsRefused() throws Exception {
        keyAt(base);
        cli.keychain().items().remove("apikey-binding\u0000svc/k");

        Result r = cli.run("request", "svc/k", "/x");

        assertThat(r.exit()).as(r.toString()).isEqualTo(7);
        assertThat(r.err()).contains("no binding is recorded for svc/k").contains("hint: ").contains("apikey import svc/k");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void withTheFileStoreTheBindingCannotBeRemovedApartFromTheSecret() throws Exception {
        cli.env("APIKEY_BACKEND", "file").env("APIKEY_PASSPHRASE", "binding test");
        keyAt(base);
        Path secrets = dir.resolve("secrets.enc");
        com.fasterxml.jackson.databind.node.ObjectNode doc =
                (com.fasterxml.jackson.databind.node.ObjectNode) dev.apikey.metadata.Json.mapper().readTree(secrets.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode entry = (com.fasterxml.jackson.databind.node.ObjectNode)
                doc.get("entries").get("apikey:svc/k");
        assertThat(doc.get("entries").has("apikey-binding:svc/k")).as("no separate binding entry").isFalse();
        assertThat(entry.get("binding").asText()).isEqualTo("[\"" + base + "\"]");
        // Without the passphrase one can edit the file: drop the binding, and point the provider elsewhere.
        entry.remove("binding");
        Files.write(secrets, dev.apikey.metadata.Json.mapper().writeValueAsBytes(doc));
        Path providers = dir.resolve("providers.json");
        Files.writeString(providers, Files.readString(providers).replace(base, "http://127.0.0.1:" + other.getPort()));

        Result r = cli.run("request", "svc/k", "/x");

        assertThat(r.exit()).as(r.toString()).isNotZero();
        assertThat(r.err()).contains("apikey:svc/k does not decrypt");
        assertThat(other.getRequestCount()).isZero();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void importAndRotateRecordTheBindingToo() {
        assertThat(cli.run("provider", "add", "svc", "--type", "local", "--base-url", base + "/api").exit()).isZero();
        Result imported = cli.invocation().stdin("sk_imported_0123456789").run("import", "svc/imported");
        assertThat(imported.exit()).as(imported.toString()).isZero();
        assertThat(cli.keychain().item("apikey-binding", "svc/imported")).isEqualTo("[\"" + base + "\"]");

        cli.keychain().items().remove("apikey-binding\u0000svc/imported");
        Result rotated = cli.run("rotate", "svc/imported");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        assertThat(cli.keychain().item("apikey-binding", "svc/imported")).isEqualTo("[\"" + base + "\"]");
    }

    @Test
    void anExpiredKeyIsStillSentWithAWarning() throws Exception {
        assertThat(cli.run("provider", "add", "svc", "--type", "local", "--base-url", base).exit()).isZero();
        assertThat(cli.run("create", "svc/k", "--expires", "1d").exit()).isZero();
        cli.clock().advance(java.time.Duration.ofDays(2));
        server.enqueue(new MockResponse.Builder().status("HTTP/1.1 401 Unauthorized").body("expired").build());

        Result r = cli.run("request", "svc/k", "/x");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("warning: svc/k expired at 2026-01-16T10:00:00Z")
                .contains("apikey: HTTP 401 Unauthorized")
                .contains("hint: the server refused the key");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void forgetDeletesTheBindingWithTheSecret() {
        keyAt(base);
        assertThat(cli.run("forget", "svc/k", "--yes").exit()).isZero();
        assertThat(cli.keychain().item("apikey-binding", "svc/k")).isNull();
    }

    @Test
    void theAuditLogHasOriginAndPathButNoQueryOrBody() throws Exception {
        keyAt(base);
        server.enqueue(ok("ok"));
        server.enqueue(new MockResponse.Builder().code(404).build());

        cli.run("request", "svc/k", "/items?token=abc123", "-d", "{\"password\":\"hunter2\"}");
        cli.run("request", "svc/k", "/missing");
        cli.run("request", "svc/k", "http://localhost:" + server.getPort() + "/elsewhere");

        String log = Files.readString(dir.resolve("audit.log"));
        assertThat(log).contains("\"action\":\"request\"", "\"origin\":\"" + base + "\"", "\"path\":\"/items\"",
                "\"outcome\":\"ok\"", "\"path\":\"/missing\"", "\"detail\":\"HTTP 404\"", "\"outcome\":\"refused\"",
                "\"path\":\"/elsewhere\"");
        assertThat(log).doesNotContain("abc123").doesNotContain("hunter2").doesNotContain("token=");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "-H;NoColon                          | invalid header 'NoColon'",
        "-H;Bad Name: x                      | invalid header 'Bad Name'",
        "-X;GE T                             | invalid method",
        "-X;GET;-d;x                         | a GET request cannot carry -d data",
        "-d;@/nonexistent/body.json          | cannot read /nonexistent/body.json",
        "-F;x=@/nonexistent/x.txt            | cannot read /nonexistent/x.txt",
        "-f;noequals                         | invalid -f 'noequals': expected KEY=VALUE",
        "--allow-host;a/b                    | invalid --allow-host",
        "-d;@-;-F;x=@-                       | standard input can be read only once, and 2 options ask for it",
    })
    void badInputIsAUsageErrorAndSendsNothing(String options, String message) {
        keyAt(base);
        Result r = cli.run(concat(new String[] {"request", "svc/k", "/x"}, options.split(";")));
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("apikey: " + message);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void badTargetsAndJsonAreUsageErrors() {
        keyAt(base);
        assertThat(cli.run("request", "svc/k", "ftp://127.0.0.1/x").err()).contains("unsupported URL scheme 'ftp'");
        assertThat(cli.run("request", "svc/k", "/x", "--json").exit()).isEqualTo(2);
        Result noBase = cli.run("request", "local/none", "/x");
        assertThat(noBase.exit()).as(noBase.toString()).isEqualTo(3);
        assertThat(cli.run("create", "local/dev").exit()).isZero();
        Result pathWithoutBase = cli.run("request", "local/dev", "/x");
        assertThat(pathWithoutBase.exit()).isEqualTo(2);
        assertThat(pathWithoutBase.err()).contains("provider local has no base URL");
        assertThat(server.getRequestCount()).isZero();
    }
}
