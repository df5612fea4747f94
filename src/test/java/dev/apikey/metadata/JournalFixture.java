package dev.apikey.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A journal holding one entry of {@code acme/bot}, as a file on disk. */
final class JournalFixture {
    private JournalFixture() {
    }

    /** An interrupted rotation as an earlier version wrote it (states as strings), owned by a long-gone pid 4242. */
    static String interruptedRotation() throws IOException {
        try (InputStream in = JournalFixture.class.getResourceAsStream("journal-with-string-states.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The journal of a config directory {@code config} under {@code dir}, holding {@code json} as acme/bot's entry, under
     * the name an earlier apikey gave it ({@code acme__bot.json}).
     */
    static JournalDirectory holding(Path dir, String json) throws IOException {
        ConfigDirectory config = new ConfigDirectory(dir.resolve("config"));
        Files.createDirectories(config.journalDirectory());
        Files.writeString(config.journalDirectory().resolve("acme__bot.json"), json);
        return new JournalDirectory(config);
    }
}
