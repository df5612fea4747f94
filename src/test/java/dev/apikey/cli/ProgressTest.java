package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.App;
import dev.apikey.Env;
import dev.apikey.core.Secret;
import dev.apikey.core.CreatedKey;
import dev.apikey.core.KeySpec;
import dev.apikey.core.KeyUsage;
import dev.apikey.core.Provider;
import dev.apikey.core.ProviderConfig;
import dev.apikey.provider.ProviderContext;
import dev.apikey.provider.ProviderType;
import dev.apikey.provider.ProviderTypes;
import dev.apikey.core.RemoteKey;
import dev.apikey.core.RotationStyle;
import dev.apikey.provider.local.LocalProviderType;
import dev.apikey.testing.FakeKeychain;
import dev.apikey.testing.TestTerminal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A progress line on stderr for slow provider calls, on a terminal only. */
class ProgressTest {
    @TempDir
    Path dir;

    /** A remote provider whose create takes as long as {@code slowness} says. */
    record SlowType(Consumer<TestTerminal> slowness, Supplier<TestTerminal> terminal) implements ProviderType {
        @Override
        public String name() {
            return "slow";
        }

        @Override
        public String description() {
            return "a remote API that takes its time";
        }

        @Override
        public String defaultBaseUrl() {
            return "https://slow.example";
        }

        @Override
        public KeyUsage defaultUsage() {
            return KeyUsage.BEARER;
        }

        @Override
        public Provider open(ProviderConfig config, ProviderContext context) {
            return new Provider() {
                @Override
                public ProviderConfig config() {
                    return config;
                }

                @Override
                public KeyUsage usage() {
                    return KeyUsage.BEARER;
                }

                @Override
                public List<String> boundOrigins() {
                    return List.of("https://slow.example");
                }

                @Override
                public boolean remote() {
                    return true;
                }

                @Override
                public RotationStyle rotationStyle() {
                    return RotationStyle.REPLACE;
                }

                @Override
                public CreatedKey create(KeySpec spec) {
                    slowness.accept(terminal.get());
                    return new CreatedKey("id-1", Secret.of("sl_" + "x".repeat(40)), null, null);
                }

                @Override
                public void revoke(String id) {
                }

                @Override
                public void list(Consumer<RemoteKey> each) {
                }
            };
        }
    }

    private int run(TestTerminal terminal, Consumer<TestTerminal> slowness, String... args) {
        SlowType slow = new SlowType(slowness, () -> terminal);
        Env env = Env.builder()
                .terminal(terminal)
                .variables(Map.of("APIKEY_CONFIG_DIR", dir.toString()))
                .keychain(new FakeKeychain())
                .home(dir)
                .providerTypes(() -> new ProviderTypes(List.of(new LocalProviderType(), slow)))
                .build();
        return App.run(env, args);
    }

    @Test
    void aSlowCallShowsProgressOnATerminalAndErasesIt() {
        TestTerminal terminal = new TestTerminal(new byte[0], true, true, true, 80, List.of());
        // The provider answers once the progress line has been drawn: no guessing at timing.
        int exit = run(terminal, t -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!t.stderrText().contains("Creating a key at slow…") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }, "create", "slow/bot");
        assertThat(exit).as(terminal.stderrText()).isZero();
        String err = terminal.stderrText();
        assertThat(err).contains("\r| Creating a key at slow…");
        // Erased before the next message, which starts on a clean line.
        assertThat(err).containsPattern("\r +\rCreated slow/bot");
        assertThat(terminal.stdoutText()).isEmpty();
    }

    @Test
    void neverOnAPipe() {
        TestTerminal terminal = new TestTerminal(new byte[0], false, false, false, 0, List.of());
        int exit = run(terminal, t -> sleep(Duration.ofMillis(900)), "create", "slow/bot");
        assertThat(exit).as(terminal.stderrText()).isZero();
        assertThat(terminal.stderrText()).doesNotContain("Creating a key").doesNotContain("\r");
    }

    @Test
    void notWithQuiet() {
        TestTerminal terminal = new TestTerminal(new byte[0], true, true, true, 80, List.of());
        int exit = run(terminal, t -> sleep(Duration.ofMillis(900)), "create", "slow/bot", "-q");
        assertThat(exit).as(terminal.stderrText()).isZero();
        assertThat(terminal.stderrText()).isEmpty();
    }

    @Test
    void activitiesAreFreeOffATerminal() {
        StderrNotices notices = new StderrNotices(System.err, new GlobalOptions(), new dev.apikey.core.Redactor(),
                () -> false);
        assertThat(notices.activity("Creating a key at slow")).isSameAs(dev.apikey.core.Notices.Activity.NONE);
    }

    @Test
    void localKeysNeedNoProgress() {
        TestTerminal terminal = new TestTerminal(new byte[0], true, true, true, 80, List.of());
        assertThat(run(terminal, t -> { }, "create", "local/quick")).isZero();
        assertThat(terminal.stderrText()).doesNotContain("\r");
    }

    /** Stands for a provider's latency: it is what is being simulated, not a wait for another thread. */
    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
