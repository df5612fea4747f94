package dev.apikey.testing.fakes;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apikey.metadata.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A stateful fake of a provider's key-management API, served by MockWebServer: it keeps its keys in memory,
 * checks the management credential as the provider does, pages its lists the provider's way, and answers in
 * the provider's own formats, errors included. Faults can be queued for the next matching requests.
 *
 * <p>Strict, in the spirit of gh's {@code httpmock}: a request no route of the fake matches is answered with a
 * 501 and fails the test when the fake is closed (a wrong path must not pass as the provider's 404), and so does
 * a queued fault that no request consumed (a test that meant to exercise a failure must have exercised it).
 */
public abstract class FakeApi extends Dispatcher implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key the fake holds. */
    public static final class Key {
        public final String id;
        public String name;
        public String description;
        public String secret;
        public final Instant createdAt;
        public Instant expiresAt;
        public List<String> scopes;
        public final Map<String, String> extra = new LinkedHashMap<>();

        public Key(String id, String name, String secret, Instant createdAt) {
            this.id = id;
            this.name = name;
            this.secret = secret;
            this.createdAt = createdAt;
        }
    }

    private record Fault(String method, String pathPart, Predicate<String> path, int[] remaining, boolean always,
                         int[] used, java.util.function.BiFunction<FakeApi, RecordedRequest, MockResponse> respond) {
        /** A fault for a number of requests must have met them all; one for every request, at least one. */
        boolean unconsumed() {
            return always ? used[0] == 0 : remaining[0] > 0;
        }

        String describe() {
            return method + " …" + pathPart + (always ? " (every time)" : " (" + remaining[0] + " more time"
                    + (remaining[0] == 1 ? "" : "s") + ")");
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private final List<Fault> everyFault = Collections.synchronizedList(new ArrayList<>());
    private final List<String> unmatched = Collections.synchronizedList(new ArrayList<>());
    /** The keys, in creation order (lists page through them in this order). */
    public final Map<String, Key> keys = Collections.synchronizedMap(new LinkedHashMap<>());
    protected final Instant now = Instant.parse("2026-01-15T10:00:00Z");
    private int sequence;

    private final String basePath;
    private final String keysPath;
    private final String secretPointer;

    /**
     * @param basePath      the path of the base URL {@code provider add --base-url} gets
     * @param keysPath      the path of the create and list calls
     * @param secretPointer where the create (or rotate) response carries the new secret
     */
    protected FakeApi(String basePath, String keysPath, String secretPointer) {
        this.basePath = basePath;
        this.keysPath = keysPath;
        this.secretPointer = secretPointer;
        server.setDispatcher(this);
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The URL to give {@code provider add --base-url}. */
    public String baseUrl() {
        return url(basePath);
    }

    /** The provider's error body for a status, in its own format. */
    public abstract String errorBody(int status, String message);

    /** The path of the create call (as the server sees it). */
    public String createPath() {
        return keysPath;
    }

    /** The path of the list call. */
    public String listPath() {
        return keysPath;
    }

    /** Where the provider's create (or rotate) response carries the new secret. */
    public String secretPointer() {
        return secretPointer;
    }

    protected abstract MockResponse handle(RecordedRequest request);

    protected String url(String path) {
        return server.url(path).toString().replaceAll("/$", "");
    }

    public MockWebServer server() {
        return server;
    }

    /**
     * A request the fake has acted on but not yet answered: {@link #awaitArrival()} returns once it
     * is held, {@link #release()} lets the answer go (into a closed socket, if the client was killed).
     */
    public static final class Hold {
        final String method;
        final String pathPart;
        final java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

        Hold(String method, String pathPart) {
            this.method = method;
            this.pathPart = pathPart;
        }

        public void awaitArrival() throws InterruptedException {
            if (!arrived.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("no " + method + " " + pathPart + " arrived");
            }
        }

        public void release() {
            released.countDown();
        }

        /** Kills the process with SIGKILL (no shutdown hook, no cleanup) once the request is held, then lets it go. */
        public void killWhenHeld(Process process) throws InterruptedException {
            try {
                awaitArrival();
                process.destroyForcibly();
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new AssertionError("the killed process did not end");
                }
            } finally {
                release();
            }
        }
    }

    private final List<Hold> holds = Collections.synchronizedList(new ArrayList<>());
    private final List<Hold> everyHold = Collections.synchronizedList(new ArrayList<>());

    /** Holds the next matching request after acting on it (the key is made, or revoked), before answering. */
    public Hold holdAfterActing(String method, String pathPart) {
        Hold h = new Hold(method, pathPart);
        holds.add(h);
        everyHold.add(h);
        return h;
    }

    @Override
    public final MockResponse dispatch(RecordedRequest request) {
        Hold hold = null;
        synchronized (holds) {
            for (Iterator<Hold> it = holds.iterator(); it.hasNext(); ) {
                Hold h = it.next();
                if (h.method.equals(request.getMethod()) && request.getUrl().encodedPath().contains(h.pathPart)) {
                    hold = h;
                    it.remove();
                    break;
                }
            }
        }
        MockResponse response = dispatchNow(request);
        if (hold != null) {
            hold.arrived.countDown();
            try {
                hold.released.await(120, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return response;
    }

    private MockResponse dispatchNow(RecordedRequest request) {
        requests.add(request);
        synchronized (faults) {
            for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
                Fault f = it.next();
                if (f.method().equals(request.getMethod()) && f.path().test(request.getUrl().encodedPath())) {
                    f.used()[0]++;
                    if (!f.always() && --f.remaining()[0] <= 0) {
                        it.remove();
                    }
                    return f.respond().apply(this, request);
                }
            }
        }
        return handle(request);
    }

    /** Every request received, in order. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<RecordedRequest> requests(String method) {
        return requests().stream().filter(r -> r.getMethod().equals(method)).toList();
    }

    /** Forgets the requests received so far, so a test can look at one step's requests alone. */
    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    /**
     * A request body with the recovery marker a create carries ({@code " [apikey-<16 hex>]"}) taken out,
     * for comparing the rest of it exactly.
     */
    public static String withoutMarker(String body) {
        return body.replaceAll(" \\[apikey-[0-9a-f]{16}\\]", "").replaceAll("\\+%5Bapikey-[0-9a-f]{16}%5D", "");
    }

    // ---- faults -------------------------------------------------------------------------------------------

    /** The next {@code times} requests of this method whose path contains {@code pathPart} fail with {@code status}. */
    public FakeApi failNext(String method, String pathPart, int times, int status, String message) {
        return fault(method, pathPart, times, (api, r) -> api.error(status, message));
    }

    /** Like {@link #failNext} with a {@code Retry-After} header. */
    public FakeApi throttleNext(String method, String pathPart, int times, int retryAfterSeconds) {
        return fault(method, pathPart, times, (api, r) -> new MockResponse.Builder().code(429)
                .setHeader("Retry-After", String.valueOf(retryAfterSeconds))
                .setHeader("Content-Type", "application/json").body(api.errorBody(429, "rate limit exceeded")).build());
    }

    /** Every request of this method whose path contains {@code pathPart} fails; at least one must come. */
    public FakeApi failAlways(String method, String pathPart, int status, String message) {
        Fault f = new Fault(method, pathPart, p -> p.contains(pathPart), new int[] {Integer.MAX_VALUE}, true, new int[1],
                (api, r) -> api.error(status, message));
        faults.add(f);
        everyFault.add(f);
        return this;
    }

    /** The next matching request gets a 200 whose body is not JSON. */
    public FakeApi malformedNext(String method, String pathPart) {
        return fault(method, pathPart, 1, (api, r) -> new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "application/json").body("{\"id\": \"half\", \"value\": \"sk-cut-off").build());
    }

    /** The next matching request is handled, but the secret is taken out of the response. */
    public FakeApi omitSecretNext(String method, String pathPart) {
        return rewriteSecretNext(method, pathPart, ObjectNode::remove);
    }

    /** The next matching request is handled, but the secret in the response carries a NUL and an escape sequence. */
    public FakeApi controlCharactersInSecretNext(String method, String pathPart) {
        return rewriteSecretNext(method, pathPart, (o, name) -> o.put(name, o.get(name).asText() + "\u0000\u001b[2J"));
    }

    /**
     * The next matching request is handled, and the field at the API's secret pointer in its answer is rewritten.
     * An answer with no such field fails the test: the fault would otherwise change nothing and prove nothing.
     */
    private FakeApi rewriteSecretNext(String method, String pathPart,
                                      java.util.function.BiConsumer<ObjectNode, String> rewrite) {
        return fault(method, pathPart, 1, (api, r) -> {
            MockResponse normal = api.handle(r);
            try {
                JsonNode body = Json.mapper().readTree(bodyOf(normal));
                JsonPointer p = JsonPointer.compile(api.secretPointer());
                String name = p.last().getMatchingProperty();
                if (!(body.at(p.head()) instanceof ObjectNode o) || !o.has(name)) {
                    throw new AssertionError("the answer to " + r.getMethod() + " " + r.getUrl().encodedPath()
                            + " has no secret at " + api.secretPointer() + " to rewrite");
                }
                rewrite.accept(o, name);
                return new MockResponse.Builder(normal).body(body.toString()).build();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * The next matching request is acted on (the key made, rolled or revoked), but its answer is lost: a 502 from a
     * gateway in front of the provider, as when a proxy times out.
     */
    public FakeApi loseAnswerNext(String method, String pathPart) {
        return fault(method, pathPart, 1, (api, r) -> {
            api.handle(r);
            return new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
                    .body("<html>502 Bad Gateway</html>").build();
        });
    }

    /** The next matching request is answered only after {@code delay}. */
    public FakeApi delayNext(String method, String pathPart, Duration delay) {
        return fault(method, pathPart, 1, (api, r) -> new MockResponse.Builder(api.handle(r))
                .headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS).build());
    }

    /** The next {@code times} matching requests get this response: a provider's own way of failing. */
    protected FakeApi failWith(String method, String pathPart, int times, java.util.function.Supplier<MockResponse> response) {
        return fault(method, pathPart, times, (api, r) -> response.get());
    }

    private FakeApi fault(String method, String pathPart, int times, java.util.function.BiFunction<FakeApi, RecordedRequest, MockResponse> respond) {
        Fault f = new Fault(method, pathPart, p -> p.contains(pathPart), new int[] {times}, false, new int[1], respond);
        faults.add(f);
        everyFault.add(f);
        return this;
    }

    private static String bodyOf(MockResponse r) throws IOException {
        okio.Buffer b = new okio.Buffer();
        r.getBody().writeTo(b);
        return b.readUtf8();
    }

    // ---- strictness ---------------------------------------------------------------------------------------

    /**
     * The answer to a request no route of the fake knows: recorded, to fail the test at {@link #close()}, and a
     * 501 meanwhile, which no client mistakes for the provider's "not found".
     */
    protected MockResponse unmatched(RecordedRequest r) {
        unmatched.add(r.getMethod() + " " + r.getUrl().encodedPath()
                + (r.getUrl().encodedQuery() == null ? "" : "?" + r.getUrl().encodedQuery()));
        return new MockResponse.Builder().code(501).setHeader("Content-Type", "text/plain")
                .body("the fake has no route for this request").build();
    }

    /** What the test did that the fake did not expect: requests to unknown routes, faults nothing consumed. */
    public List<String> surprises() {
        List<String> out = new ArrayList<>();
        synchronized (unmatched) {
            unmatched.forEach(u -> out.add("a request no route matches: " + u));
        }
        synchronized (everyFault) {
            everyFault.stream().filter(Fault::unconsumed).forEach(f -> out.add("a queued fault no request consumed: "
                    + f.describe()));
        }
        return out;
    }

    /** Fails unless every request met a route and every queued fault was consumed. */
    public void verify() {
        List<String> surprises = surprises();
        if (!surprises.isEmpty()) {
            throw new AssertionError(getClass().getSimpleName() + ":\n  " + String.join("\n  ", surprises));
        }
    }

    // ---- helpers for subclasses --------------------------------------------------------------------------

    protected MockResponse error(int status, String message) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                .body(errorBody(status, message)).build();
    }

    protected static MockResponse json(int status, Object body) {
        try {
            return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                    .body(body instanceof String s ? s : Json.mapper().writeValueAsString(body)).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static MockResponse noContent() {
        return new MockResponse.Builder().code(204).build();
    }

    protected static JsonNode body(RecordedRequest r) {
        try {
            String text = r.getBody() == null ? "" : r.getBody().string(StandardCharsets.UTF_8);
            return text.isEmpty() ? Json.mapper().createObjectNode() : Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token of an {@code Authorization: Bearer} header, or "". */
    protected static String bearer(RecordedRequest r) {
        String auth = r.getHeaders().get("Authorization");
        return auth != null && auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()) : "";
    }

    protected static Map<String, String> form(RecordedRequest r) {
        Map<String, String> out = new LinkedHashMap<>();
        String text = r.getBody() == null ? "" : r.getBody().string(StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    protected synchronized String nextId(String prefix) {
        return prefix + (++sequence);
    }

    protected static String randomSecret(String prefix, int length) {
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    protected Key keyBySecret(String secret) {
        synchronized (keys) {
            return keys.values().stream().filter(k -> k.secret.equals(secret)).findFirst().orElse(null);
        }
    }

    /** Adds keys made elsewhere (in the provider's console), for listings of several pages. */
    public void seed(int count) {
        for (int i = 0; i < count; i++) {
            String id = newId();
            Key k = new Key(id, "console-key-" + i, randomSecret("seeded_", 24), now.minusSeconds(86400L * (count - i)));
            keys.put(id, k);
        }
    }

    /** A new key id in the provider's format. */
    protected abstract String newId();

    public List<Key> keyList() {
        synchronized (keys) {
            return new ArrayList<>(keys.values());
        }
    }

    @Override
    public void close() {
        everyHold.forEach(Hold::release); // no server thread stays blocked past the test
        server.close();
        verify();
    }
}
