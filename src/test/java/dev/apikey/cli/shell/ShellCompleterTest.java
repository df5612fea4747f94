package dev.apikey.cli.shell;

import dev.apikey.BuiltIns;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.cli.completion.CompletionModel;
import dev.apikey.tools.GenerateDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TAB in {@code apikey shell}: the same model and cache as the shell scripts. */
class ShellCompleterTest {
    @TempDir
    Path dir;
    ShellCompleter completer;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(dir.resolve("names.cache"), "provider work\nkey local/alpha\nkey local/beta\nkey work/ci-bot\n");
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("names.cache"), "key elsewhere/only-here\n");
        CompletionModel model = CompletionModel.of(GenerateDocs.commandLine().getCommandSpec(), BuiltIns.providerTypes());
        completer = new ShellCompleter(model, flag -> (flag == null ? dir : Path.of(flag)).resolve("names.cache"));
    }

    private List<String> complete(String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE), candidates);
        String word = line.substring(line.lastIndexOf(' ') + 1);
        return candidates.stream().map(Candidate::value).filter(v -> v.startsWith(word)).toList();
    }

    @Test
    void commands() {
        assertThat(complete("cre")).containsExactly("create");
        assertThat(complete("apikey provider lo")).containsExactly("login", "logout");
    }

    @Test
    void options() {
        assertThat(complete("list --re")).containsExactly("--remote");
        assertThat(complete("--backend ")).containsExactly("keychain", "file", "env");
        assertThat(complete("get --backend=f")).containsExactly("--backend=file");
    }

    @Test
    void refsAndProviders() {
        assertThat(complete("get local/")).containsExactly("local/alpha", "local/beta");
        assertThat(complete("rotate local/alpha w")).containsExactly("work/ci-bot");
        assertThat(complete("provider show ")).containsExactlyInAnyOrder("work", "local", "github", "cloudflare", "gitlab",
                "openai", "datadog", "sendgrid", "twilio", "npm", "linode", "anthropic", "heroku", "aws");
        assertThat(complete("create w")).containsExactly("work/");
        assertThat(complete("create work/")).isEmpty();
    }

    @Test
    void configDirOnTheLine() {
        assertThat(complete("--config-dir " + dir.resolve("other") + " get ")).containsExactly("elsewhere/only-here");
    }
}
