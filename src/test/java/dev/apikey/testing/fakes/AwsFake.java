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
