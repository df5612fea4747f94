package dev.apikey.cli.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.CliRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated scripts in the real shells (bash with bash-completion, zsh through its completion
 * system in a pseudo-terminal, fish), against a name cache written by apikey itself. The shells run
 * with a PATH holding only stand-ins for {@code java} and {@code apikey} that record any call: a
 * TAB press must start neither.
 */
class ShellCompletionTest {
    /** Providers that work without 'provider add': every built-in type but http, which needs a definition. */
    static final List<String> BUILT_IN = List.of("local", "github", "cloudflare", "gitlab", "openai", "datadog", "sendgrid",
            "twilio", "npm", "linode", "anthropic", "heroku", "aws");
    static final List<String> BUILT_IN_AND_WORK = java.util.stream.Stream.concat(BUILT_IN.stream(), java.util.stream.Stream.of("work"))
            .toList();

    private static final String BASH_COMPLETION = "/usr/share/bash-completion/bash_completion";

    @TempDir
    Path tmp;
    Path config;
    Path home;
    Path fakeBin;
    Path calls;
    final Map<String, Path> scripts = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        config = tmp.resolve("config");
        home = Files.createDirectories(tmp.resolve("home"));
        CliRunner cli = new CliRunner(config);
        for (String[] args : List.of(
                new String[] {"create", "local/alpha"},
                new String[] {"create", "local/beta"},
                new String[] {"provider", "add", "work", "--type", "local"},
                new String[] {"create", "work/ci-bot"})) {
            CliRunner.Result r = cli.run(args);
            assertThat(r.exit()).as(r.toString()).isZero();
        }
        for (CompletionScripts.Shell shell : CompletionScripts.Shell.values()) {
            CliRunner.Result r = cli.run("completion", shell.id());
            assertThat(r.exit()).as(r.toString()).isZero();
            scripts.put(shell.id(), Files.writeString(tmp.resolve(shell.fileName()), r.out()));
        }
        fakeBin = Files.createDirectories(tmp.resolve("bin"));
        calls = tmp.resolve("calls.log");
        for (String program : List.of("java", "apikey")) {
            Path stub = fakeBin.resolve(program);
            Files.writeString(stub, "#!/bin/sh\necho \"$0 $*\" >> '" + calls + "'\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @AfterEach
    void noJvmWasStarted() {
        assertThat(calls).as("a completion started java or apikey").doesNotExist();
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String shell : List.of("bash", "zsh", "fish")) {
            cases.add(Arguments.of(shell, "a subcommand", "apikey cre", List.of("create")));
            cases.add(Arguments.of(shell, "a nested subcommand", "apikey provider lo", List.of("login", "logout")));
            cases.add(Arguments.of(shell, "an option", "apikey list --re", List.of("--remote")));
            cases.add(Arguments.of(shell, "an inherited option", "apikey get --no-", List.of("--no-input")));
            cases.add(Arguments.of(shell, "an option's values", "apikey --backend ", List.of("env", "file", "keychain")));
            cases.add(Arguments.of(shell, "a ref from the cache", "apikey get local/a", List.of("local/alpha")));
            cases.add(Arguments.of(shell, "refs after options", "apikey --json rotate local/alpha ",
                    List.of("local/alpha", "local/beta", "work/ci-bot")));
            cases.add(Arguments.of(shell, "a provider from the cache", "apikey provider show w", List.of("work")));
            cases.add(Arguments.of(shell, "providers, cached and built in", "apikey list ", BUILT_IN_AND_WORK));
            cases.add(Arguments.of(shell, "a new key's provider", "apikey create w",
                    List.of(shell.equals("zsh") ? "work" : "work/")));
            cases.add(Arguments.of(shell, "a shell", "apikey completion f", List.of("fish")));
            cases.add(Arguments.of(shell, "nothing for a second ref", "apikey get local/alpha ", List.of()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}: {2}")
    @MethodSource("cases")
    void completes(String shell, String what, String line, List<String> expected) {
        List<String> offered = complete(shell, line, Map.of("APIKEY_CONFIG_DIR", config.toString()));
        assertThat(offered).as("%s completing '%s'", shell, line).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("shells")
    void findsTheCacheInXdgConfigHome(String shell) throws IOException {
        Path xdg = tmp.resolve("xdg");
        copyCache(xdg.resolve("apikey"));
        assertThat(complete(shell, "apikey get work/", Map.of("XDG_CONFIG_HOME", xdg.toString())))
                .containsExactly("work/ci-bot");
    }

    @ParameterizedTest
    @MethodSource("shells")
    void findsTheCacheInThePlatformDefault(String shell) throws IOException {
        copyCache(home.resolve(".config").resolve("apikey"));
        assertThat(complete(shell, "apikey get work/", Map.of())).containsExactly("work/ci-bot");
    }

    @ParameterizedTest
    @MethodSource("shells")
    void configDirOnTheCommandLineWins(String shell) throws IOException {
        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("names.cache"), "provider elsewhere\nkey elsewhere/only-here\n");
        Map<String, String> env = Map.of("APIKEY_CONFIG_DIR", config.toString());
        assertThat(complete(shell, "apikey --config-dir " + other + " get ", env)).containsExactly("elsewhere/only-here");
        assertThat(complete(shell, "apikey get --config-dir=" + other + " e", env)).containsExactly("elsewhere/only-here");
        assertThat(complete(shell, "apikey get ", env)).contains("local/alpha").doesNotContain("elsewhere/only-here");
    }

    @ParameterizedTest
    @MethodSource("shells")
    void noCacheCompletesNoRefsAndNoError(String shell) {
        Map<String, String> env = Map.of("APIKEY_CONFIG_DIR", tmp.resolve("missing").toString());
        assertThat(complete(shell, "apikey get ", env)).isEmpty();
        assertThat(complete(shell, "apikey list ", env)).containsExactlyInAnyOrderElementsOf(BUILT_IN);
    }

    @ParameterizedTest
    @MethodSource("shells")
    void aCacheThatIsASymbolicLinkIsNotRead(String shell) throws IOException {
        // As apikey itself, the scripts read no file of the config directory through a link (SPEC §7).
        Path planted = Files.writeString(tmp.resolve("planted.cache"), "provider planted\nkey planted/elsewhere\n");
        Path linked = Files.createDirectories(tmp.resolve("linked"));
        Files.createSymbolicLink(linked.resolve("names.cache"), planted);
        Map<String, String> env = Map.of("APIKEY_CONFIG_DIR", linked.toString());
        assertThat(complete(shell, "apikey get ", env)).isEmpty();
        assertThat(complete(shell, "apikey list ", env)).containsExactlyInAnyOrderElementsOf(BUILT_IN);
    }

    @Test
    void bashJoinsAnOptionAndItsValueSplitAtTheEqualsSign() {
        // bash splits '--backend=f' into '--backend', '=', 'f'; COMPREPLY then replaces only 'f'.
        List<String> offered = bash(List.of("apikey", "--backend", "=", "f"), Map.of());
        assertThat(offered).containsExactly("file");
    }

    static Stream<String> shells() {
        return Stream.of("bash", "zsh", "fish");
    }

    private void copyCache(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.copy(config.resolve("names.cache"), dir.resolve("names.cache"));
    }

    private List<String> complete(String shell, String line, Map<String, String> env) {
        return switch (shell) {
            case "bash" -> bash(words(line), env);
            case "zsh" -> zsh(line, env);
            case "fish" -> fish(line, env);
            default -> throw new IllegalArgumentException(shell);
        };
    }

    /** The words bash hands a completion function (no quoting in these tests). */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>(List.of(line.trim().split(" +")));
        if (line.endsWith(" ")) {
            words.add("");
        }
        return words;
    }

    /** Calls the completion function as bash's programmable completion does, with bash-completion loaded. */
    private List<String> bash(List<String> words, Map<String, String> env) {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w.replace("'", "'\\''")).append("'");
        }
        String program = "source " + BASH_COMPLETION + "\n"
                + "source '" + scripts.get("bash") + "'\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n"
                + "_apikey apikey \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        return lines(run(List.of("/bin/bash", "--norc", "--noprofile", "-c", program), env));
    }

    private List<String> zsh(String line, Map<String, String> env) {
        Path driver = resource("zsh-complete.zsh");
        return lines(run(List.of("/usr/bin/zsh", "-f", driver.toString(), scripts.get("zsh").toString(), line), env));
    }

    private List<String> fish(String line, Map<String, String> env) {
        String program = "source '" + scripts.get("fish") + "'; complete -C '" + line.replace("'", "\\'") + "'";
        List<String> out = new ArrayList<>();
        for (String l : lines(run(List.of("/usr/bin/fish", "--no-config", "-c", program), env))) {
            out.add(l.split("\t", 2)[0]); // candidate, then its description
        }
        return out;
    }

    private static List<String> lines(String out) {
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }

    private Path resource(String name) {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Path p = tmp.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a shell with only the stand-ins on PATH, and returns its stdout; fails on an error or a hang. */
    private String run(List<String> command, Map<String, String> extraEnv) {
        List<String> bounded = new ArrayList<>(List.of("/usr/bin/timeout", "60"));
        bounded.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(bounded).directory(tmp.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", fakeBin.toString());
        env.put("HOME", home.toString());
        env.put("TERM", "xterm");
        env.put("LANG", "C.UTF-8");
        env.put("ZSH_BIN", "/usr/bin/zsh");
        env.putAll(extraEnv);
        Path err = tmp.resolve("stderr.txt");
        pb.redirectError(err.toFile());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(70, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not finish");
            }
            String stderr = Files.readString(err);
            assertThat(p.exitValue()).as("%s failed:%n%s", command.get(0), stderr).isZero();
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
