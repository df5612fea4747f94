package dev.apikey.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.JarProcess;
import dev.apikey.testing.fakes.AcmeVaultFake;
import dev.apikey.testing.fakes.FakeApi;
import dev.apikey.testing.fakes.GitLabFake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel CI jobs each running {@code rotate --resume} on the same interrupted rotation (SPEC §6):
 * one resumes it and the others exit 8 — the journal entry is taken over under the same claim as any
 * change, so its state is never acted on twice. Trials over four crash points (three of a replacing
 * rotation, one of a native one) with 2–3 real processes against stateful fakes; after each, exactly
 * one live key, the stored one.
 */
class ConcurrentResumeIT {
    private static final String ADMIN = "acme-admin-0123456789abcdef";
    private static final Path DEFINITION = Path.of("docs/examples/acme-vault.json").toAbsolutePath();

    private static final String GITLAB_ADMIN = "glpat-admin-0123456789abcdef";

    /**
     * Where the rotation is killed (the request the fake holds after acting on it), and a request the
     * resume of it sends.
     */
    private record CrashPoint(String where, boolean gitlab, String method, String path, String resumeMethod,
                              String resumePath) {
    }

    private static final List<CrashPoint> CRASH_POINTS = List.of(
            new CrashPoint("the create's response lost", false, "POST", "/api/keys", "GET", "/api/keys"),
            new CrashPoint("at the verify of the new key", false, "GET", "/api/whoami", "DELETE", "/api/keys/"),
            new CrashPoint("at the revoke of the old key", false, "DELETE", "/api/keys/", "DELETE", "/api/keys/"),
            // A native rotation whose answer was lost: a resume rotates the successor again, so two
            // resumes acting would roll it twice and store a dead secret, or trip reuse detection.
            new CrashPoint("GitLab's rotate answer lost", true, "POST", "/rotate", "POST", "/rotate"));
    private static final int TRIALS = 8;

    @TempDir
    Path dir;

    @Test
    void parallelResumesOfOneInterruptedRotationActOnceAndLeaveExactlyOneLiveKey() throws Exception {
        List<String> failures = new ArrayList<>();
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        for (int trial = 0; trial < TRIALS; trial++) {
            CrashPoint crash = CRASH_POINTS.get(trial % CRASH_POINTS.size());
            int processes = 2 + (trial / CRASH_POINTS.size()) % 2;
            try (FakeApi fake = crash.gitlab() ? new GitLabFake(GITLAB_ADMIN).withRealClock() : new AcmeVaultFake(ADMIN)) {
                Path config = Files.createDirectory(dir.resolve("trial-" + trial));
                JarProcess apikey = new JarProcess()
                        .env("APIKEY_CONFIG_DIR", config.toString())
                        .env("APIKEY_BACKEND", "file")
                        .env("APIKEY_PASSPHRASE", "parallel jobs")
                        .env("APIKEY_ADMIN_ACME", ADMIN)
                        .env("APIKEY_ADMIN_GL", GITLAB_ADMIN);
                String ref = crash.gitlab() ? "gl/deploy" : "acme/bot";
                if (crash.gitlab()) {
                    ok(apikey.run(null, "provider", "add", "gl", "--type", "gitlab", "--base-url", fake.baseUrl(),
                            "--param", "user=42"));
                    ok(apikey.run(null, "create", ref, "--scope", "api", "--expires", "90d"));
                } else {
                    ok(apikey.run(null, "provider", "add", "acme", "--type", "http", "--file", DEFINITION.toString(),
                            "--base-url", fake.baseUrl()));
                    ok(apikey.run(null, "create", ref));
                }
                FakeApi.Hold killed = fake.holdAfterActing(crash.method(), crash.path());
                Process rotation = apikey.builder("rotate", ref).start();
                rotation.getOutputStream().close();
                killed.killWhenHeld(rotation);

                // The first resume to claim the entry is held at a request until every other one has
                // ended: they all run while it works, and none may act on the entry meanwhile.
                FakeApi.Hold working = fake.holdAfterActing(crash.resumeMethod(), crash.resumePath());
                List<Process> running = new ArrayList<>();
                List<CompletableFuture<String>> errors = new ArrayList<>();
                for (int i = 0; i < processes; i++) {
                    // Jobs start a little apart, as CI jobs do (a spread, not a synchronisation).
                    Thread.sleep(random.nextInt(500));
                    Process p = apikey.builder("rotate", "--resume", ref).start();
                    p.getOutputStream().close();
                    JarProcess.drain(p.getInputStream());
                    errors.add(JarProcess.drain(p.getErrorStream()));
                    running.add(p);
                }
                boolean othersEnded;
                try {
                    working.awaitArrival();
                    othersEnded = awaitAllButOne(running);
                } finally {
                    working.release();
                }
                List<Integer> exits = new ArrayList<>();
                for (int i = 0; i < processes; i++) {
                    assertThat(running.get(i).waitFor(120, TimeUnit.SECONDS)).as("resume %d ended", i).isTrue();
                    exits.add(running.get(i).exitValue());
                }

                JarProcess.Result get = apikey.run(null, "get", ref);
                String stored = get.out().strip();
                List<String> live = fake.keys.values().stream().map(k -> k.secret).toList();
                List<String> err = errors.stream().map(CompletableFuture::join).toList();
                List<String> left;
                try (Stream<Path> entries = Files.list(config.resolve("journal"))) {
                    left = entries.map(p -> p.getFileName().toString()).toList();
                }
                String what = "seed " + seed + ", trial " + trial + " (killed " + crash.where() + ") with " + processes
                        + " resumes: exits " + exits + ", live keys " + live.size() + ", stored is live: "
                        + live.contains(stored) + ", journal left " + left + "\n" + String.join("\n", err);
                long losers = 0;
                for (int i = 0; i < processes; i++) {
                    if (exits.get(i) == 8 && err.get(i).contains(ref + " is in progress")) {
                        losers++;
                    }
                }
                boolean sound = othersEnded && get.exit() == 0 && live.size() == 1 && live.get(0).equals(stored)
                        && exits.stream().filter(e -> e == 0).count() == 1 && losers == processes - 1
                        && left.isEmpty();
                if (!sound) {
                    failures.add(what);
                }
            }
        }
        assertThat(failures).as("trials that broke the promise").isEmpty();
    }

    /** Whether all processes but one (the held resume) end in time. */
    private static boolean awaitAllButOne(List<Process> running) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (running.stream().filter(Process::isAlive).count() <= 1) {
                return true;
            }
            // Poll the condition, not a guessed delay; the pause only spares the shared CPU.
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return false;
    }

    private static void ok(JarProcess.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
    }
}
