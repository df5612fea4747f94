package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files in the config directory are never followed through symbolic links (SPEC §7): a link planted
 * there, to another directory's files, is refused (exit 7, naming it), and what it points to is
 * neither read nor changed.
 */
class SymbolicLinksTest {
    @TempDir
    Path dir;

    /** A config directory of someone else's, with a key and a provider of its own. */
    private Path elsewhere() {
        Path other = dir.resolve("elsewhere");
        CliRunner theirs = new CliRunner(other);
        assertThat(theirs.run("provider", "add", "theirs", "--type", "local", "--base-url", "https://theirs.example")
                .exit()).isZero();
        assertThat(theirs.run("create", "theirs/planted").exit()).isZero();
        return other;
    }

    @ParameterizedTest
    @ValueSource(strings = {"keys.json", "providers.json"})
    void anIndexThatIsALinkIsRefusedAndWhatItPointsToIsNeitherReadNorChanged(String file) throws Exception {
        Path theirs = elsewhere().resolve(file);
        byte[] before = Files.readAllBytes(theirs);
        CliRunner cli = new CliRunner(dir.resolve("mine"));
        Files.createDirectories(cli.configDir());
        Path link = Files.createSymbolicLink(cli.configDir().resolve(file), theirs);

        for (List<String> args : List.of(List.of("list"), List.of("provider", "list"), List.of("create", "theirs/mine"),
                List.of("get", "theirs/planted"))) {
            Result r = cli.run(args.toArray(String[]::new));
            assertThat(r.out()).as(args + ": " + r).doesNotContain("planted").doesNotContain("theirs.example");
            if (r.exit() == 7) {
                assertThat(r.err()).as(args + ": " + r).contains(link + " is a symbolic link").contains("hint:");
            } else {
                // a command that does not read this file (or, with no keys of its own, finds none)
                assertThat(r.exit()).as(args + ": " + r).isIn(0, 3);
            }
        }
        Result reading = file.equals("keys.json") ? cli.run("list") : cli.run("provider", "list");
        assertThat(reading.exit()).as(reading.toString()).isEqualTo(7);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readAllBytes(theirs)).isEqualTo(before);
    }

    @Test
    void aLinkToNothingIsRefusedRatherThanTakenForNoFile() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("mine"));
        Files.createDirectories(cli.configDir());
        Path nowhere = dir.resolve("nowhere.json");
        Files.createSymbolicLink(cli.configDir().resolve("keys.json"), nowhere);

        Result r = cli.run("create", "local/a");

        assertThat(r.exit()).as(r.toString()).isEqualTo(7);
        assertThat(nowhere).doesNotExist();
    }

    @Test
    void theConfigFileThroughALinkIsRefused() throws Exception {
        Path theirs = dir.resolve("their-config.json");
        Files.writeString(theirs, "{\"backend\":\"file\"}");
        CliRunner cli = new CliRunner(dir.resolve("mine"));
        Files.createDirectories(cli.configDir());
        Files.createSymbolicLink(cli.configDir().resolve("config.json"), theirs);

        Result r = cli.run("create", "local/a");

        assertThat(r.exit()).as(r.toString()).isEqualTo(7);
        assertThat(r.err()).contains("config.json is a symbolic link");
    }

    @Test
    void aJournalDirectoryThatIsALinkIsRefused() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("mine"));
        assertThat(cli.run("create", "local/a").exit()).isZero();
        Path theirJournal = Files.createDirectories(dir.resolve("their-journal"));
        Files.deleteIfExists(cli.configDir().resolve("journal")); // left empty by the create
        Files.createSymbolicLink(cli.configDir().resolve("journal"), theirJournal);

        Result r = cli.run("rotate", "local/a");

        assertThat(r.exit()).as(r.toString()).isEqualTo(7);
        assertThat(r.err()).contains("journal is a symbolic link");
        try (var files = Files.list(theirJournal)) {
            assertThat(files).as("nothing written through the link").isEmpty();
        }
    }

    @Test
    void theAuditLogIsNotReadThroughALink() throws Exception {
        Path theirs = elsewhere().resolve("audit.log");
        CliRunner cli = new CliRunner(dir.resolve("mine"));
        Files.createDirectories(cli.configDir());
        Files.createSymbolicLink(cli.configDir().resolve("audit.log"), theirs);

        Result r = cli.run("log");

        assertThat(r.exit()).as(r.toString()).isEqualTo(7);
        assertThat(r.out()).doesNotContain("planted");
    }
}
