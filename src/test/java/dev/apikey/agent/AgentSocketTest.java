package dev.apikey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apikey.core.PolicyException;
import dev.apikey.core.SecretStoreException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentSocketTest {
    @TempDir
    Path dir;

    @Test
    void itLivesInTheRuntimeDirectoryNamedAfterTheStoreFile() {
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", dir.toString());
        AgentSocket a = AgentSocket.forStore(env, dir.resolve("cfg/secrets.enc"));
        assertThat(a.directory()).isEqualTo(dir.resolve("apikey"));
        assertThat(a.path().getFileName().toString()).matches("agent-[0-9a-f]{16}\\.sock");
        assertThat(AgentSocket.forStore(env, dir.resolve("cfg/../cfg/secrets.enc")).path()).isEqualTo(a.path());
        assertThat(AgentSocket.forStore(env, dir.resolve("other/secrets.enc")).path()).isNotEqualTo(a.path());
    }

    @Test
    void withoutARuntimeDirectoryItFallsBackToAPrivateDirectoryOfThisUid() {
        AgentSocket a = AgentSocket.forStore(Map.of("TMPDIR", dir.toString()), dir.resolve("secrets.enc"));
        assertThat(a.directory()).isEqualTo(dir.resolve("apikey-" + OwnUser.uid()));
        assertThat(AgentSocket.forStore(Map.of("XDG_RUNTIME_DIR", "relative/dir"), dir.resolve("secrets.enc")).directory()
                .getFileName().toString()).startsWith("apikey-");
        a.prepareDirectory();
        assertThat(a.directoryProblem()).isNull();
    }

    @Test
    void aDirectoryOpenToOthersIsRefused() throws Exception {
        AgentSocket a = AgentSocket.forStore(Map.of("XDG_RUNTIME_DIR", dir.toString()), dir.resolve("secrets.enc"));
        Files.createDirectory(a.directory(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(a.directory(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(a::prepareDirectory).isInstanceOf(PolicyException.class).hasMessageContaining("open to other users");
    }

    @Test
    void aSymbolicLinkInsteadOfTheDirectoryIsRefused() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        AgentSocket a = AgentSocket.forStore(Map.of("XDG_RUNTIME_DIR", dir.toString()), dir.resolve("secrets.enc"));
        Files.createSymbolicLink(a.directory(), real);
        assertThatThrownBy(a::prepareDirectory).isInstanceOf(PolicyException.class).hasMessageContaining("not a directory");
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws Exception {
        assumeTrue(OwnUser.uid() == 0, "needs root to give a directory away");
        AgentSocket a = AgentSocket.forStore(Map.of("XDG_RUNTIME_DIR", dir.toString()), dir.resolve("secrets.enc"));
        a.prepareDirectory();
        UserPrincipal nobody = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(a.directory(), nobody);
        assertThatThrownBy(a::prepareDirectory).isInstanceOf(PolicyException.class).hasMessageContaining("belongs to uid");
    }

    @Test
    void aPathTooLongForASocketIsAClearError() {
        Path deep = dir.resolve("x".repeat(120));
        AgentSocket a = AgentSocket.forStore(Map.of("XDG_RUNTIME_DIR", deep.toString()), dir.resolve("secrets.enc"));
        assertThatThrownBy(a::prepareDirectory).isInstanceOf(SecretStoreException.class).hasMessageContaining("too long");
    }

    @Test
    void onlyTheSameUserPassesThePeerCheck() throws Exception {
        var lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal root = lookup.lookupPrincipalByName("root");
        UserPrincipal nobody = lookup.lookupPrincipalByName("nobody");
        assertThat(PeerCheck.sameUser(root, lookup.lookupPrincipalByName("root"))).isTrue();
        assertThat(PeerCheck.sameUser(nobody, root)).isFalse();
        assertThat(PeerCheck.sameUser(root, nobody)).isFalse();
        assertThat(PeerCheck.sameUser(null, root)).isFalse();
    }
}
