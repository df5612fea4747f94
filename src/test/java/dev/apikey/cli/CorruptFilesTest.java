package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A corrupt file is reported with its path and left exactly as it was, by reads and writes alike. */
class CorruptFilesTest {
    @TempDir
    Path dir;
    CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
        assertThat(cli.run("create", "local/demo").exit()).isZero();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "keys.json|{ not json at all",
        "keys.json|[]",
        "keys.json|{\"version\":1,\"keys\":[{\"ref\":\"no slash\"}]}",
        "keys.json|{\"version\":1,\"keys\":[{\"ref\":\"local/a\"}]}",
        "keys.json|{\"version\":99,\"keys\":[]}",
        "providers.json|{\"version\":1,\"providers\":{}}",
        "config.json|not json",
        // Read with the streaming parser: a field of the wrong type, a repeated field, a second document.
        "keys.json|{\"version\":1,\"keys\":[{\"ref\":\"local/a\",\"backend\":\"file\",\"createdAt\":5}]}",
        "keys.json|{\"version\":1,\"version\":1,\"keys\":[]}",
        "keys.json|{\"version\":1,\"keys\":[]} {}",
        "config.json|{\"keychainTimeout\":5}",
        "config.json|{\"backend\":\"file\"} []",
    })
    void corruptFilesAreReportedAndLeftUntouched(String file, String content) throws Exception {
        Path path = dir.resolve(file);
        Files.writeString(path, content);
        for (String[] args : new String[][] {{"list"}, {"create", "local/other"}, {"provider", "list"}}) {
            Result r = cli.run(args);
            if (r.exit() == 0) {
                // Only commands that read this file must fail; the others may succeed.
                continue;
            }
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(r.toString()).contains(path.toString()).contains("corrupt").contains("hint:");
        }
        assertThat(cli.run("list").exit() != 0 || cli.run("provider", "list").exit() != 0
                || cli.run("create", "local/third").exit() != 0).as("some command reads " + file).isTrue();
        assertThat(Files.readString(path)).isEqualTo(content);
    }

    @ParameterizedTest(name = "memoryKiB {0}, iterations {1}, parallelism {2}")
    @CsvSource({"4194304,64,1", "262144,64,1", "8192,1000000,1", "2147483647,1,1", "8192,1,255"})
    void keyDerivationParametersBeyondSaneBoundsAreACorruptStore(int memoryKiB, int iterations, int parallelism)
            throws Exception {
        cli.env("APIKEY_BACKEND", "file").env("APIKEY_PASSPHRASE", "bounded");
        Result imported = cli.invocation().stdin("ak_boundedKdfSecret0123456789").run("import", "local/filed");
        assertThat(imported.exit()).as(imported.toString()).isZero();
        Path file = dir.resolve("secrets.enc");
        com.fasterxml.jackson.databind.node.ObjectNode doc =
                (com.fasterxml.jackson.databind.node.ObjectNode) dev.apikey.metadata.Json.mapper().readTree(file.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("kdf")).put("memoryKiB", memoryKiB)
                .put("iterations", iterations).put("parallelism", parallelism);
        byte[] hostile = dev.apikey.metadata.Json.mapper().writeValueAsBytes(doc);
        Files.write(file, hostile);

        Result r = cli.run("get", "local/filed");

        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains(file.toString()).contains("corrupt").contains("out of range");
        assertThat(Files.readAllBytes(file)).isEqualTo(hostile);
    }
}
