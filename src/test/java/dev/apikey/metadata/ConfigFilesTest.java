package dev.apikey.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apikey.core.PolicyException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsReadWhole() throws Exception {
        Path file = Files.writeString(dir.resolve("keys.json"), "{\"version\":1}");
        assertThat(ConfigFiles.read(file)).asString().isEqualTo("{\"version\":1}");
        try (InputStream in = ConfigFiles.open(file)) {
            assertThat(in.readAllBytes()).asString().isEqualTo("{\"version\":1}");
        }
    }

    @Test
    void noFileIsNoSuchFile() {
        assertThatThrownBy(() -> ConfigFiles.read(dir.resolve("keys.json"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aLinkIsRefusedNamingItWhetherItLeadsSomewhereOrNowhere() throws Exception {
        Path outside = Files.writeString(dir.resolve("outside.json"), "{\"theirs\":true}");
        Path link = Files.createSymbolicLink(dir.resolve("keys.json"), outside);
        Path dangling = Files.createSymbolicLink(dir.resolve("providers.json"), dir.resolve("nowhere.json"));

        for (Path p : new Path[] {link, dangling}) {
            assertThatThrownBy(() -> ConfigFiles.read(p)).isInstanceOf(PolicyException.class)
                    .hasMessageContaining(p + " is a symbolic link");
            assertThatThrownBy(() -> ConfigFiles.open(p)).isInstanceOf(PolicyException.class);
        }
    }

    @Test
    void aLinkedSubdirectoryIsRefusedAndARealOneIsNot() throws Exception {
        Path real = Files.createDirectories(dir.resolve("journal"));
        Path linked = Files.createSymbolicLink(dir.resolve("recovery"), real);

        ConfigFiles.refuseLink(real);
        assertThatThrownBy(() -> ConfigFiles.refuseLink(linked)).isInstanceOf(PolicyException.class)
                .hasMessageContaining(linked + " is a symbolic link");
    }

    @Test
    void aConfigDirectoryThatIsItselfALinkIsUsed() throws Exception {
        // ~/.config/apikey -> a dotfiles checkout is common; only the files in it must not be links.
        Path real = Files.createDirectories(dir.resolve("dotfiles/apikey"));
        Files.writeString(real.resolve("keys.json"), "{}");
        Path config = Files.createSymbolicLink(dir.resolve("apikey"), real);
        assertThat(ConfigFiles.read(config.resolve("keys.json"))).asString().isEqualTo("{}");
    }
}
