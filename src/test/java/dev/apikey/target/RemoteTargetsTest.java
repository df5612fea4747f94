package dev.apikey.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.GitHubSecretsFake;
import dev.apikey.testing.fakes.GitLabVariablesFake;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub Actions secrets (repository, environment, organisation) and GitLab CI/CD variables as targets,
 * against strict stateful fakes of both APIs; what apikey sealed is opened by libsodium (PyNaCl).
 */
class RemoteTargetsTest {
    static final String GITHUB_TOKEN = "ghp_admin0123456789abcdefABCDEF0123";
    static final String GITLAB_TOKEN = "glpat-admin0123456789abcdef";

    @TempDir
    Path dir;
    CliRunner cli;
    GitHubSecretsFake github = new GitHubSecretsFake(GITHUB_TOKEN);
    GitLabVariablesFake gitlab = new GitLabVariablesFake(GITLAB_TOKEN);

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir).env("APIKEY_ADMIN_GITHUB", GITHUB_TOKEN).env("APIKEY_ADMIN_GITLAB", GITLAB_TOKEN);
        ok(cli.run("provider", "add", "github", "--type", "github", "--base-url", github.url()));
        ok(cli.run("provider", "add", "gitlab", "--type", "gitlab", "--base-url", gitlab.url()));
        ok(cli.run("create", "local/my-svc"));
    }

    @AfterEach
    void tearDown() {
        github.close(); // fails the test on any request the API does not know
        gitlab.close();
    }

    private Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private String stored() {
        return cli.keychain().item("apikey", "local/my-svc");
    }

    /** What libsodium opens from the sealed value GitHub holds. */
    private String opened(String scope, String name) throws Exception {
        GitHubSecretsFake.Scope s = github.scope(scope);
        GitHubSecretsFake.Stored stored = s.secrets.get(name);
        assertThat(stored).as("GitHub holds " + name + " in " + scope).isNotNull();
        assertThat(stored.keyId()).isEqualTo(s.keyId);
        return SealedBoxTest.open(s.privateKeyBase64(), stored.encryptedValue());
    }

    @Test
    void repositoryEnvironmentAndOrganisationSecretsHoldTheStoredSecret() throws Exception {
        github.addScope("octo/app");
        github.addScope("octo/app@production");
        github.addScope("org:octo-org");
        github.seedOrgSecret("octo-org", "SHARED_KEY", "selected");
        ok(cli.run("target", "add", "local/my-svc", "github:octo/app"));
        ok(cli.run("target", "add", "local/my-svc", "github:octo/app@production", "--name", "PROD_KEY"));
        ok(cli.run("target", "add", "local/my-svc", "github-org:octo-org"));

        ok(cli.run("sync"));
        assertThat(opened("octo/app", "MY_SVC_API_KEY")).isEqualTo(stored());
        assertThat(opened("octo/app@production", "PROD_KEY")).isEqualTo(stored());
        assertThat(opened("org:octo-org", "MY_SVC_API_KEY")).isEqualTo(stored());
        assertThat(github.scope("org:octo-org").secrets.get("MY_SVC_API_KEY").visibility())
                .as("a new organisation secret is private").isEqualTo("private");

        // The public key changes between calls: every write seals for the key GitHub has now.
        github.rotatePublicKey("octo/app");
        ok(cli.run("rotate", "local/my-svc"));
        assertThat(opened("octo/app", "MY_SVC_API_KEY")).isEqualTo(stored());
        assertThat(opened("octo/app@production", "PROD_KEY")).isEqualTo(stored());
    }

    @Test
    void anOrganisationSecretKeepsItsVisibility() throws Exception {
        github.seedOrgSecret("octo-org", "SHARED_KEY", "selected");
        ok(cli.run("target", "add", "local/my-svc", "github-org:octo-org", "--name", "SHARED_KEY"));
        ok(cli.run("sync"));
        assertThat(github.scope("org:octo-org").secrets.get("SHARED_KEY").visibility()).isEqualTo("selected");
        assertThat(opened("org:octo-org", "SHARED_KEY")).isEqualTo(stored());
    }

    @Test
    void verboseShowsNeitherTheSealedValueNorTheKeyExchangeNorTheToken() throws Exception {
        github.addScope("octo/app");
        ok(cli.run("target", "add", "local/my-svc", "github:octo/app"));
        Result r = ok(cli.run("-v", "sync"));
        String sealed = github.scope("octo/app").secrets.get("MY_SVC_API_KEY").encryptedValue();
        assertThat(r.err()).contains("/repos/octo/app/actions/secrets/public-key").contains("PUT");
        assertThat(r.err()).doesNotContain(sealed).doesNotContain(github.scope("octo/app").publicKey)
                .doesNotContain(GITHUB_TOKEN).doesNotContain(stored());
    }

    @Test
    void failuresAreTypedAndRecorded() throws Exception {
        github.addScope("octo/app");
        ok(cli.run("target", "add", "local/my-svc", "github:octo/app"));
        ok(cli.run("target", "add", "local/my-svc", "github:octo/missing"));
        Result notFound = cli.run("sync");
        assertThat(notFound.exit()).as(notFound.toString()).isEqualTo(3);
        assertThat(notFound.err()).contains("octo/missing").contains("Not Found");
        assertThat(opened("octo/app", "MY_SVC_API_KEY")).as("the other target is written").isEqualTo(stored());

        ok(cli.run("target", "remove", "local/my-svc", "github:octo/missing"));
        Result refused = cli.invocation().env("APIKEY_ADMIN_GITHUB", "ghp_wrong").run("sync");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(4);
        assertThat(refused.err()).contains("Bad credentials").doesNotContain("ghp_wrong");
        JsonNode listed = Json.mapper().readTree(ok(cli.run("target", "list", "--json")).out());
        assertThat(listed.get(0).get("lastWrite").get("result").asText()).isEqualTo("failed");

        github.disconnectNext("GET", "/public-key", Integer.MAX_VALUE);
        Result network = cli.run("sync");
        assertThat(network.exit()).as(network.toString()).isEqualTo(6);
        github.clearFaults();
        ok(cli.run("sync"));
    }

    @Test
    void badDestinationsAndNamesAreUsageErrors() {
        for (String dest : new String[] {"github:octo", "github:octo/app/x", "github:-bad/app", "github-org:", "gitlab:",
            "gitlab:a b"}) {
            Result r = cli.run("target", "add", "local/my-svc", dest);
            assertThat(r.exit()).as(dest + "\n" + r).isEqualTo(2);
        }
        Result reserved = cli.run("target", "add", "local/my-svc", "github:octo/app", "--name", "GITHUB_TOKEN");
        assertThat(reserved.exit()).as(reserved.toString()).isEqualTo(2);
        assertThat(reserved.err()).contains("GITHUB_");
    }

    @Test
    void gitLabVariablesAreMaskedProtectedAndRaw() throws Exception {
        gitlab.addProject("group/app", "42");
        ok(cli.run("target", "add", "local/my-svc", "gitlab:group/app"));
        ok(cli.run("sync"));
        GitLabVariablesFake.Variable v = gitlab.variable("group/app", "MY_SVC_API_KEY", "*");
        assertThat(v.value()).isEqualTo(stored());
        assertThat(v.masked()).isTrue();
        assertThat(v.isProtected()).isTrue();
        assertThat(v.raw()).isTrue();

        ok(cli.run("rotate", "local/my-svc"));
        assertThat(gitlab.variable("group/app", "MY_SVC_API_KEY", "*").value()).as("updated in place").isEqualTo(stored());
        ok(cli.run("target", "add", "local/my-svc", "gitlab:42", "--name", "BY_ID"));
        ok(cli.run("sync"));
        assertThat(gitlab.variable("42", "BY_ID", "*").value()).isEqualTo(stored());
    }

    @Test
    void gitLabThatWillNotMaskTheValueIsSaidClearlyAndNothingIsStoredUnmasked() throws Exception {
        gitlab.withoutRawMasking().addProject("group/app", "42");
        ok(cli.run("forget", "local/my-svc", "--yes"));
        ok(cli.invocation().stdin("has!bang_and_more_chars\n").run("import", "local/my-svc"));
        ok(cli.run("target", "add", "local/my-svc", "gitlab:group/app"));
        Result r = cli.run("sync");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("masked").contains("does not store it unmasked").doesNotContain("has!bang");
        assertThat(gitlab.variables.get("42")).isEmpty();

        ok(cli.run("forget", "local/my-svc", "--yes"));
        Result shortOne = cli.invocation().stdin("short\n").run("import", "local/my-svc");
        assertThat(shortOne.exit()).as("import stores it, and says the target was not written").isEqualTo(8);
        assertThat(shortOne.err()).contains("at least 8 characters");
        assertThat(gitlab.variables.get("42")).isEmpty();
    }

    @Test
    void gitLabFailures() throws Exception {
        ok(cli.run("target", "add", "local/my-svc", "gitlab:group/none"));
        Result missing = cli.run("sync");
        assertThat(missing.exit()).as(missing.toString()).isEqualTo(3);
        assertThat(missing.err()).contains("Project Not Found");
        gitlab.addProject("group/none", "7");
        Result refused = cli.invocation().env("APIKEY_ADMIN_GITLAB", "glpat-wrong").run("sync");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(4);
        ok(cli.run("sync"));
        assertThat(Files.readString(dir.resolve("audit.log"))).contains("gitlab:group/none").doesNotContain(stored());
    }
}
