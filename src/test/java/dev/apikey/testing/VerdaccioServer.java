package dev.apikey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real npm registry (Verdaccio 6.8.0) with its token API, offline: its own storage and htpasswd file in a
 * directory of the test's, no uplinks, everything behind authentication.
 */
public final class VerdaccioServer extends NodeServer {
    private static final Pattern ADDRESS = Pattern.compile("http address - http://127\\.0\\.0\\.1:(\\d+)/");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private VerdaccioServer(Path config, Path dir) {
        super(List.of(node(), tool("verdaccio/bin/verdaccio").toString(), "--config", config.toString()), dir, line -> {
            Matcher m = ADDRESS.matcher(line);
            return m.find() ? Integer.parseInt(m.group(1)) : null;
        });
    }

    /**
     * Starts a registry keeping its files in {@code dir}. Verdaccio does not report a port the OS chose, so a free
     * port is taken from the OS and handed to it; should another process take it first, another is tried.
     */
    public static VerdaccioServer start(Path dir) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path config = writeConfig(dir, freePort());
            try {
                VerdaccioServer server = new VerdaccioServer(config, dir);
                server.awaitPing();
                return server;
            } catch (IllegalStateException e) {
                last = e;
                if (!String.valueOf(e.getMessage()).contains("EADDRINUSE")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeConfig(Path dir, int port) {
        String yaml = """
                storage: %s
                auth:
                  htpasswd:
                    file: %s
                    max_users: 100
                packages:
                  '**':
                    access: $authenticated
                    publish: $authenticated
                security:
                  api:
                    jwt:
                      sign:
                        expiresIn: 1h
                listen: 127.0.0.1:%d
                web:
                  enable: false
                log: { type: stdout, format: pretty, level: info }
                """.formatted(dir.resolve("storage"), dir.resolve("htpasswd"), port);
        try {
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, yaml);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server is ready when {@code /-/ping} answers. */
    private void awaitPing() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/-/ping"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100); // polling a starting server: there is nothing to wait on instead
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("Verdaccio did not answer /-/ping:\n" + log());
    }

    /** Adds a user and returns the session token the registry gives it. */
    public String addUser(String name, String password) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/-/user/org.couchdb.user:" + name))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("adding user " + name + " answered " + r.statusCode());
        }
        return dev.apikey.metadata.Json.mapper().readTree(r.body()).get("token").asText();
    }

    /** Who the registry says a token belongs to, or null when it does not accept the token. */
    public String whoami(String token) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/-/whoami"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return null;
        }
        var user = dev.apikey.metadata.Json.mapper().readTree(r.body()).get("username");
        return user == null || user.asText().isEmpty() ? null : user.asText();
    }
}
