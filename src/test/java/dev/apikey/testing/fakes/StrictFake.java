package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A strict stateful fake of a destination's API on MockWebServer. A request the fake does not know —
 * wrong method, path, headers or body — is answered 599 and recorded; {@link #close()} fails the test
 * if there was one. Faults and holds can be queued for the next matching requests.
 */
public abstract class StrictFake extends Dispatcher implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private final List<Hold> holds = Collections.synchronizedList(new ArrayList<>());

    private record Fault(String method, String pathPart, int[] remaining, MockResponse response) {
    }

    /** A request acted on (the write made) but not yet answered, until released. */
    public static final class Hold {
        final String method;
        final String pathPart;
        final CountDownLatch arrived = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);

        Hold(String method, String pathPart) {
            this.method = method;
            this.pathPart = pathPart;
        }

        public void awaitArrival() throws InterruptedException {
            if (!arrived.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("no " + method + " " + pathPart + " arrived");
            }
        }

        public void release() {
            released.countDown();
        }
    }

    protected StrictFake() {
        server.setDispatcher(this);
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return server.url("/").toString().replaceAll("/$", "");
    }

    /** Handles a request the API knows, or returns null for one it does not (a test failure). */
    protected abstract MockResponse handle(RecordedRequest request);

    @Override
    public final MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        Hold hold = null;
        synchronized (holds) {
            for (Iterator<Hold> it = holds.iterator(); it.hasNext(); ) {
                Hold h = it.next();
                if (matches(request, h.method, h.pathPart)) {
                    hold = h;
                    it.remove();
                    break;
                }
            }
        }
        MockResponse response = faulted(request);
        if (response == null) {
            response = handle(request);
        }
        if (response == null) {
            unexpected.add(request.getMethod() + " " + request.getUrl() + " " + bodyText(request));
            response = new MockResponse.Builder().code(599).body("unexpected request").build();
        }
        if (hold != null) {
            hold.arrived.countDown();
            try {
                hold.released.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return response;
    }

    private MockResponse faulted(RecordedRequest request) {
        synchronized (faults) {
            for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
                Fault f = it.next();
                if (matches(request, f.method, f.pathPart)) {
                    if (--f.remaining()[0] <= 0) {
                        it.remove();
                    }
                    return f.response();
                }
            }
        }
        return null;
    }

    private static boolean matches(RecordedRequest r, String method, String pathPart) {
        return r.getMethod().equals(method) && r.getUrl().encodedPath().contains(pathPart);
    }

    /** The next {@code times} matching requests get {@code response} (a 401, a 404, a 503). */
    public StrictFake failNext(String method, String pathPart, int times, int status, String body) {
        faults.add(new Fault(method, pathPart, new int[] {times}, new MockResponse.Builder().code(status)
                .setHeader("Content-Type", "application/json").body(body).build()));
        return this;
    }

    /** The next {@code times} matching requests get no answer: the connection is dropped. */
    public StrictFake disconnectNext(String method, String pathPart, int times) {
        faults.add(new Fault(method, pathPart, new int[] {times}, new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket()).build()));
        return this;
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Holds the next matching request after acting on it, before answering. */
    public Hold holdAfterActing(String method, String pathPart) {
        Hold h = new Hold(method, pathPart);
        holds.add(h);
        return h;
    }

    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<String> unexpected() {
        synchronized (unexpected) {
            return List.copyOf(unexpected);
        }
    }

    protected static JsonNode json(RecordedRequest r) {
        try {
            String text = bodyText(r);
            return text.isEmpty() ? null : Json.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    protected static String bodyText(RecordedRequest r) {
        return r.getBody() == null ? "" : r.getBody().string(StandardCharsets.UTF_8);
    }

    protected static MockResponse respond(int status, Object body) {
        MockResponse.Builder b = new MockResponse.Builder().code(status);
        if (body != null) {
            try {
                b.setHeader("Content-Type", "application/json; charset=utf-8")
                        .body(body instanceof String s ? s : Json.mapper().writeValueAsString(body));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return b.build();
    }

    @Override
    public void close() {
        synchronized (holds) {
            holds.forEach(Hold::release);
        }
        server.close();
        if (!unexpected().isEmpty()) {
            throw new AssertionError("requests the API does not know: " + unexpected());
        }
    }
}
