package dev.apikey.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.Jar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config directory as SPEC §7 has it, through the packaged jar (HOME crosses the process boundary). */
class ConfigDirectoryIT {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run apikey(Map<String, String> env, String... args) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("APIKEY_BACKEND", "file",
                "APIKEY_PASSPHRASE", "correct horse battery staple", "XDG_CONFIG_HOME", ""));
        all.putAll(env);
        ProcessBuilder pb = Jar.process(Jar.command(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), args), all);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("apikey " + String.join(" ", args) + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Map<String, String> configDir(Path config) {
        return Map.of("APIKEY_CONFIG_DIR", config.toString());
    }

    @Test
    void homeIsTheHomeVariableWhenItIsSet() throws Exception {
        Path home = Files.createDirectories(dir.resolve("elsewhere"));
        Run created = apikey(Map.of("HOME", home.toString()), "create", "local/at-home");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(home.resolve(".config/apikey/keys.json")).exists();
        assertThat(Files.readString(home.resolve(".config/apikey/names.cache"))).contains("local/at-home");
    }

    @Test
    void aDirectoryOthersCanReadOrWriteIsTightenedWithAWarning() throws Exception {
        Path config = Files.createDirectories(dir.resolve("open"));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rwxrwxrwx"));
        Run created = apikey(configDir(config), "create", "local/a");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.err()).contains("warning: the config directory " + config).contains("rwxrwxrwx").contains("0700");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rwx------");
        Run again = apikey(configDir(config), "list");
        assertThat(again.err()).doesNotContain("warning");
    }

    @Test
    void aDirectoryOwnedByAnotherUserIsRefused() throws Exception {
        Path config;
        if ("root".equals(System.getProperty("user.name"))) {
            config = Files.createDirectories(dir.resolve("theirs"));
            UserPrincipal nobody = config.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(config, nobody);
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rwx------"));
        } else {
            config = Path.of("/usr"); // root's
        }
        Run r = apikey(configDir(config), "create", "local/a");
        assertThat(r.exit()).as(r.toString()).isEqualTo(7);
        assertThat(r.err()).contains("is owned by").contains("another user's directory");
        assertThat(config.resolve("keys.json")).doesNotExist();
    }

    @Test
    void theAuditLogIsNeverWrittenThroughASymbolicLink() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Path outside = dir.resolve("outside.txt");
        Files.writeString(outside, "precious\n");
        Files.createSymbolicLink(config.resolve("audit.log"), outside);
        Path dangling = dir.resolve("dangling-target");
        Run created = apikey(configDir(config), "create", "local/a");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.err()).contains("audit log").contains("symbolic link");
        assertThat(Files.readString(outside)).isEqualTo("precious\n");

        // A link to a file that does not exist yet is not followed either: nothing is created there.
        Files.delete(config.resolve("audit.log"));
        Files.createSymbolicLink(config.resolve("audit.log"), dangling);
        Run forgot = apikey(configDir(config), "forget", "local/a", "--yes");
        assertThat(forgot.exit()).as(forgot.toString()).isZero();
        assertThat(dangling).doesNotExist();
    }

    @Test
    void keysAndSecretsAreNeverReadThroughASymbolicLink() throws Exception {
        // Someone else's directory, with a key of its own in keys.json and its secret in secrets.enc.
        Path theirs = Files.createDirectories(dir.resolve("theirs"));
        Run planted = apikey(configDir(theirs), "create", "local/planted");
        assertThat(planted.exit()).as(planted.toString()).isZero();
        byte[] theirKeys = Files.readAllBytes(theirs.resolve("keys.json"));
        byte[] theirSecrets = Files.readAllBytes(theirs.resolve("secrets.enc"));

        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwx------"));
        Path keys = Files.createSymbolicLink(mine.resolve("keys.json"), theirs.resolve("keys.json"));
        Run listed = apikey(configDir(mine), "list");
        assertThat(listed.exit()).as(listed.toString()).isEqualTo(7);
        assertThat(listed.out()).doesNotContain("planted");
        assertThat(listed.err()).contains("apikey: " + keys + " is a symbolic link");
        Run created = apikey(configDir(mine), "create", "local/mine");
        assertThat(created.exit()).as(created.toString()).isEqualTo(7);

        // keys.json of my own naming their key, and secrets.enc a link to their store.
        Files.delete(keys);
        Files.write(mine.resolve("keys.json"), theirKeys);
        Path secrets = Files.createSymbolicLink(mine.resolve("secrets.enc"), theirs.resolve("secrets.enc"));
        Run got = apikey(configDir(mine), "get", "local/planted");
        assertThat(got.exit()).as(got.toString()).isEqualTo(7);
        assertThat(got.out()).isEmpty();
        assertThat(got.err()).contains(secrets + " is a symbolic link");
        Run another = apikey(configDir(mine), "create", "local/mine");
        assertThat(another.exit()).as(another.toString()).isEqualTo(7);

        assertThat(Files.isSymbolicLink(secrets)).isTrue();
        assertThat(Files.readAllBytes(theirs.resolve("keys.json"))).isEqualTo(theirKeys);
        assertThat(Files.readAllBytes(theirs.resolve("secrets.enc"))).isEqualTo(theirSecrets);
    }
}
