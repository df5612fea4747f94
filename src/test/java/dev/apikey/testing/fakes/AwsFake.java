package dev.apikey.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The IAM and STS fake ({@code src/test/resources/aws/iam_sts_fake.py}) as a process of the test: it
 * checks every request's SigV4 signature with botocore, independently of apikey. Started on an
 * OS-chosen port, stopped by {@link #close()}.
 */
public final class AwsFake implements AutoCloseable {
    private static final Path SCRIPT = Path.of("src/test/resources/aws/iam_sts_fake.py").toAbsolutePath();
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    /** A key the fake holds. */
    public record Key(String id, String secret) {
    }

    public AwsFake() {
        try {
            process = new ProcessBuilder("/usr/bin/python3", SCRIPT.toString()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("PORT ")) {
                process.destroyForcibly();
                throw new IllegalStateException("the AWS fake did not start: " + line);
            }
            port = Integer.parseInt(line.substring(5).trim());
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // keep the pipe from filling up
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "aws-fake-output");
            drain.setDaemon(true);
            drain.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start /usr/bin/python3 (bin/setup installs python3-botocore)", e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** A user with one active key. */
    public Key seed(String user) {
        JsonNode r = control("seed", Map.of("user", user));
        return new Key(r.get("id").asText(), r.get("secret").asText());
    }

    /** An administrator (may act on every user) with one active key: a management credential. */
    public Key seedAdmin(String user) {
        JsonNode r = control("seed", Map.of("user", user, "admin", true));
        return new Key(r.get("id").asText(), r.get("secret").asText());
    }

    /** A user with no key yet. */
    public void user(String user) {
        control("seed", Map.of("user", user, "noKey", true));
    }

    /** Settings: refuseNewKeys, throttle, pageSize, maxSkewSeconds, hold (an action whose answer waits). */
    public void configure(Map<String, Object> settings) {
        control("config", settings);
    }

    /**
     * The next {@code times} calls of {@code action} get {@code status} and {@code body} instead of IAM's answer,
     * before anything is done. In the body, {@code {callerSecret}} is the signing key's secret.
     */
    public void failNext(String action, int times, int status, String body) {
        fault(action, times, status, body, false);
    }

    /**
     * The next call of {@code action} is carried out, then answered with {@code status} and {@code body}: the answer is
     * lost or garbled. In the body, {@code {newSecret}} is the secret of a key the call made.
     */
    public void answerNextAfterActing(String action, int status, String body) {
        fault(action, 1, status, body, true);
    }

    private void fault(String action, int times, int status, String body, boolean afterActing) {
        control("fault", Map.of("action", action, "times", times, "status", status, "body", body, "afterActing", afterActing));
    }

    /** An error as the Query protocol writes it (CommonErrors), e.g. {@code InternalFailure}, 500. */
    public static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Receiver</Type><Code>"
                + code + "</Code><Message>" + message + "</Message></Error><RequestId>"
                + "4f2ba2b8-7e5c-4a4b-9c1e-1d2b3c4d5e6f</RequestId></ErrorResponse>";
    }

    /** Waits until the held action has been carried out and its answer is waiting. */
    public void awaitHeld() {
        JsonNode unused = control("await-held", null);
    }

    public void release() {
        control("release", Map.of());
    }

    /** The keys of a user: id to status. */
    public Map<String, String> keysOf(String user) {
        Map<String, String> keys = new java.util.TreeMap<>();
        state().get("keys").fields().forEachRemaining(e -> {
            if (e.getValue().get("user").asText().equals(user)) {
                keys.put(e.getKey(), e.getValue().get("status").asText());
            }
        });
        return keys;
    }

    public String secretOf(String id) {
        JsonNode k = state().get("keys").get(id);
        return k == null ? null : k.get("secret").asText();
    }

    /** The secrets of every key the fake ever made, deleted ones too: none may show in apikey's output. */
    public List<String> secretsMade() {
        List<String> all = new ArrayList<>();
        state().get("made").forEach(n -> all.add(n.asText()));
        return all;
    }

    /** The signed calls, in order: "service action key status". */
    public List<String> calls() {
        List<String> calls = new ArrayList<>();
        state().get("log").forEach(c -> calls.add(c.get("action").asText() + " by " + c.path("key").asText("-")
                + " -> " + c.get("status").asInt() + (c.has("code") ? " " + c.get("code").asText() : "")));
        return calls;
    }

    /** Requests the fake did not understand; a test asserts there were none. */
    public List<String> unexpected() {
        List<String> u = new ArrayList<>();
        state().get("unexpected").forEach(n -> u.add(n.asText()));
        return u;
    }

    public JsonNode state() {
        return control("state", null);
    }

    private JsonNode control(String what, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + "_fake/" + what));
            b = body == null ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("the AWS fake answered " + r.statusCode() + " to " + what);
            }
            return Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("the AWS fake is unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
