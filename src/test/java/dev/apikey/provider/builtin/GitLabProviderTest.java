package dev.apikey.provider.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.metadata.Json;
import dev.apikey.provider.ProviderContract;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.FakeApi;
import dev.apikey.testing.fakes.GitLabFake;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class GitLabProviderTest extends ProviderContract<GitLabFake> {
    private static final String ADMIN = "glpat-admin-0123456789abcdef";

    @Override
    protected GitLabFake newFake() {
        return new GitLabFake(ADMIN);
    }

    @Override
    protected String type() {
        return "gitlab";
    }

    @Override
    protected String credential() {
        return ADMIN;
    }

    @Override
    protected List<String> addArgs() {
        return List.of("--param", "user=42");
    }

    @Override
    protected List<String> createArgs() {
        return List.of("--scope", "api");
    }

    @Test
    void personalTokenLifecycleWithNativeRotate() throws Exception {
        fake.seed(230);
        Result created = create("deploy", "--scope", "read_repository", "--expires", "90d", "--description", "deploys");
        assertThat(created.exit()).as(created.toString()).isZero();
        FakeApi.Key key = key("deploy");
        assertThat(cli.keychain().item("apikey", PROVIDER + "/deploy")).isEqualTo(key.secret);
        RecordedRequest post = fake.requests("POST").get(0);
        assertThat(post.getUrl().encodedPath()).isEqualTo("/api/v4/users/42/personal_access_tokens");
        assertThat(post.getHeaders().get("PRIVATE-TOKEN")).isEqualTo(ADMIN);
        assertThat(Json.mapper().readTree(FakeApi.withoutMarker(post.getBody().string(StandardCharsets.UTF_8)))).isEqualTo(Json.mapper().readTree(
                "{\"name\":\"deploy\",\"description\":\"deploys\",\"scopes\":[\"api\",\"read_repository\"],\"expires_at\":\"2026-04-15\"}"));

        Result listed = cli.run("list", PROVIDER, "--remote", "--json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        assertThat(json(listed)).hasSize(231);
        List<RecordedRequest> pages = fake.requests("GET");
        assertThat(pages).extracting(r -> r.getUrl().queryParameter("page")).containsExactly(null, "2", "3");
        assertThat(pages).extracting(r -> r.getUrl().queryParameter("user_id")).containsOnly("42");
        assertThat(pages).extracting(r -> r.getUrl().queryParameter("state")).containsOnly("active");

        Result rotated = cli.run("rotate", PROVIDER + "/deploy");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        FakeApi.Key next = key("deploy");
        assertThat(next.id).isNotEqualTo(key.id);
        assertThat(fake.keys).doesNotContainKey(key.id);
        assertThat(cli.keychain().item("apikey", PROVIDER + "/deploy")).isEqualTo(next.secret);
        RecordedRequest rotate = fake.requests("POST").get(1);
        assertThat(rotate.getUrl().encodedPath()).isEqualTo("/api/v4/personal_access_tokens/" + key.id + "/rotate");
        // The rotation keeps the key's 90-day lifetime.
        assertThat(rotate.getBody().string(StandardCharsets.UTF_8)).isEqualTo("{\"expires_at\":\"2026-04-15\"}");

        Result revoked = cli.run("revoke", PROVIDER + "/deploy", "--yes");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(fake.requests("DELETE")).extracting(r -> r.getUrl().encodedPath())
                .containsExactly("/api/v4/personal_access_tokens/" + next.id);
        assertThat(fake.keys).hasSize(230);
        // create, 3 pages, rotate, verify of the new token, delete
        assertThat(fake.requests()).hasSize(7);
    }

    @Test
    void projectTokens() throws Exception {
        assertThat(cli.run("provider", "add", "proj", "--type", "gitlab", "--base-url", fake.baseUrl(),
                "--param", "kind=project", "--param", "project=group/app").exit()).isZero();
        cli.env("APIKEY_ADMIN_PROJ", ADMIN);
        Result created = cli.run("create", "proj/ci", "--scope", "read_api", "--param", "accessLevel=30");
        assertThat(created.exit()).as(created.toString()).isZero();
        RecordedRequest post = fake.requests("POST").get(0);
        assertThat(post.getUrl().encodedPath()).isEqualTo("/api/v4/projects/group%2Fapp/access_tokens");
        assertThat(Json.mapper().readTree(post.getBody().string(StandardCharsets.UTF_8)).get("access_level").asInt()).isEqualTo(30);
        FakeApi.Key key = key("ci");

        assertThat(cli.run("rotate", "proj/ci").exit()).isZero();
        assertThat(fake.requests("POST").get(1).getUrl().encodedPath())
                .isEqualTo("/api/v4/projects/group%2Fapp/access_tokens/" + key.id + "/rotate");
        Result listed = cli.run("list", "proj", "--remote", "--json");
        assertThat(json(listed).get(0).get("remote").asText()).isEqualTo("tracked");
        assertThat(cli.run("revoke", "proj/ci", "--yes").exit()).isZero();
        assertThat(fake.keys).isEmpty();
    }

    @Test
    void anUnknownKindIsRefusedWhenTheProviderIsAdded() {
        Result r = cli.run("provider", "add", "odd", "--type", "gitlab", "--param", "kind=robot");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("unknown kind 'robot'").contains("kind=personal|project|group");
    }

    @Test
    void groupTokensAreFirstClass() throws Exception {
        assertThat(cli.run("provider", "add", "grp", "--type", "gitlab", "--base-url", fake.baseUrl(),
                "--param", "kind=group", "--param", "group=platform/infra").exit()).isZero();
        cli.env("APIKEY_ADMIN_GRP", ADMIN);
        Result created = cli.run("create", "grp/deployer", "--scope", "read_registry", "--expires", "30d",
                "--param", "accessLevel=20");
        assertThat(created.exit()).as(created.toString()).isZero();
        RecordedRequest post = fake.requests("POST").get(0);
        assertThat(post.getUrl().encodedPath()).isEqualTo("/api/v4/groups/platform%2Finfra/access_tokens");
        assertThat(Json.mapper().readTree(post.getBody().string(StandardCharsets.UTF_8)
                        .replaceAll("\\[apikey-[0-9a-f]{16}]", "[marker]")))
                .isEqualTo(Json.mapper().readTree("{\"name\":\"deployer\",\"description\":\"[marker]\",\"scopes\":[\"read_registry\"],"
                        + "\"access_level\":20,\"expires_at\":\"2026-02-14\"}"));
        FakeApi.Key key = key("deployer");

        assertThat(cli.run("rotate", "grp/deployer").exit()).isZero();
        RecordedRequest rotate = fake.requests("POST").get(1);
        assertThat(rotate.getUrl().encodedPath()).isEqualTo("/api/v4/groups/platform%2Finfra/access_tokens/" + key.id + "/rotate");
        assertThat(rotate.getBody().string(StandardCharsets.UTF_8)).isEqualTo("{\"expires_at\":\"2026-02-14\"}");
        FakeApi.Key next = key("deployer");
        assertThat(cli.keychain().item("apikey", "grp/deployer")).isEqualTo(next.secret);
        assertThat(json(cli.run("list", "grp", "--remote", "--json")).get(0).get("remote").asText()).isEqualTo("tracked");
        assertThat(cli.run("revoke", "grp/deployer", "--yes").exit()).isZero();
        assertThat(fake.requests("DELETE")).extracting(r -> r.getUrl().encodedPath())
                .containsExactly("/api/v4/groups/platform%2Finfra/access_tokens/" + next.id);
        assertThat(fake.keys).isEmpty();
    }

    @Test
    void creatingAPersonalTokenWithoutTheAdministratorApiIsAClearErrorThatSendsNothing() {
        assertThat(cli.run("provider", "add", "me", "--type", "gitlab", "--base-url", fake.baseUrl()).exit()).isZero();
        cli.env("APIKEY_ADMIN_ME", ADMIN);
        Result r = cli.run("create", "me/laptop", "--scope", "api");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("only for an administrator of a self-managed instance")
                .contains("--param user=ID").contains("apikey import").contains("kind=project");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void anImportedTokenOfUnknownLifetimeIsRotatedWithTheLifetimeItsOwnDatesGive() throws Exception {
        // Made in GitLab's web UI 10 days ago to last a year; apikey is told nothing of its dates.
        FakeApi.Key token = fake.personalToken("laptop", 10, 365);
        Result imported = cli.invocation().stdin(token.secret + "\n").run("import", PROVIDER + "/laptop", "--id", token.id);
        assertThat(imported.exit()).as(imported.toString()).isZero();

        Result rotated = cli.run("rotate", PROVIDER + "/laptop");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        assertThat(fake.requests()).extracting(r -> r.getMethod() + " " + r.getUrl().encodedPath()).startsWith(
                "GET /api/v4/personal_access_tokens/" + token.id,
                "POST /api/v4/personal_access_tokens/" + token.id + "/rotate");
        // A year from now, not GitLab's one-week default for a rotation without expires_at.
        assertThat(requests("POST", "/rotate").get(0).getBody().string(StandardCharsets.UTF_8))
                .isEqualTo("{\"expires_at\":\"2027-01-15\"}");
        FakeApi.Key next = key("laptop");
        assertThat(next.expiresAt).isEqualTo(java.time.Instant.parse("2027-01-15T00:00:00Z"));
        assertThat(cli.keychain().item("apikey", PROVIDER + "/laptop")).isEqualTo(next.secret);
    }

    @Test
    void aValidationErrorWhoseMessageIsAnObjectIsShown() {
        fake.invalidNextCreate("name", "has already been taken");
        Result r = create("ci");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("HTTP 400: name has already been taken");
    }

    @Test
    void resumingALostRotationRotatesItsSuccessorNeverTheRevokedToken() throws Exception {
        assertThat(create("deploy", "--expires", "90d").exit()).isZero();
        FakeApi.Key first = key("deploy");
        fake.loseAnswerNext("POST", "/rotate");
        Result lost = cli.run("rotate", PROVIDER + "/deploy");
        assertThat(lost.exit()).as(lost.toString()).isEqualTo(6);
        assertThat(fake.revoked).containsKey(first.id); // GitLab rotated it: the stored secret is dead

        Result resumed = cli.run("rotate", "--resume", PROVIDER + "/deploy");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(fake.familyRevocations).as("no reuse of a revoked token").isZero();
        assertThat(requests("POST", "/rotate")).extracting(r -> r.getUrl().encodedPath()).hasSize(2)
                .last().isNotEqualTo("/api/v4/personal_access_tokens/" + first.id + "/rotate");
        List<FakeApi.Key> family = fake.liveFamily(first.id);
        assertThat(family).hasSize(1);
        assertThat(cli.keychain().item("apikey", PROVIDER + "/deploy")).isEqualTo(family.get(0).secret);
        assertThat(family.get(0).expiresAt).isEqualTo(java.time.Instant.parse("2026-04-15T00:00:00Z"));
    }

    @Test
    void aResumeWhoseRotationAnswersAMalformedSecretStoresNothingAndCanBeResumedAgain() throws Exception {
        assertThat(create("deploy", "--expires", "90d").exit()).isZero();
        FakeApi.Key first = key("deploy");
        fake.loseAnswerNext("POST", "/rotate");
        assertThat(cli.run("rotate", PROVIDER + "/deploy").exit()).isEqualTo(6);

        fake.controlCharactersInSecretNext("POST", "/rotate");
        Result malformed = cli.run("rotate", "--resume", PROVIDER + "/deploy");
        assertThat(malformed.exit()).as(malformed.toString()).isEqualTo(6);
        assertThat(malformed.err()).contains("malformed secret").doesNotContain("\u0000").doesNotContain("\u001b");
        assertThat(cli.keychain().item("apikey", PROVIDER + "/deploy")).isEqualTo(first.secret).doesNotContain("\u0000");
        assertThat(dir.resolve("journal/" + PROVIDER + "+deploy.json")).exists();

        Result resumed = cli.run("rotate", "--resume", PROVIDER + "/deploy");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        List<FakeApi.Key> family = fake.liveFamily(first.id);
        assertThat(family).hasSize(1);
        assertThat(cli.keychain().item("apikey", PROVIDER + "/deploy")).isEqualTo(family.get(0).secret);
        assertThat(fake.familyRevocations).isZero();
    }

    @Test
    void scopesAreRequired() {
        Result r = cli.run("create", PROVIDER + "/bare");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--scope");
        assertThat(fake.requests()).isEmpty();
    }


    /** A provider for personal tokens made in GitLab's web UI, with no management credential (gitlab.com's case). */
    private FakeApi.Key importedWithoutManagementCredential(String name) {
        assertThat(cli.run("provider", "add", "me", "--type", "gitlab", "--base-url", fake.baseUrl()).exit()).isZero();
        // Made in GitLab's web UI 10 days ago to last a year; apikey is told nothing of its dates.
        FakeApi.Key token = fake.personalToken(name, 10, 365);
        Result imported = cli.invocation().stdin(token.secret + "\n").run("import", "me/" + name, "--id", token.id);
        assertThat(imported.exit()).as(imported.toString()).isZero();
        return token;
    }

    private Result rotateLaptop(int exit) {
        Result r = cli.run("rotate", "me/laptop");
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        return r;
    }

    private static List<String> calls(List<RecordedRequest> requests) {
        return requests.stream().map(r -> r.getMethod() + " " + r.getUrl().encodedPath()).toList();
    }

    @Test
    void aPersonalTokenWithoutAManagementCredentialRotatesItself() throws Exception {
        FakeApi.Key token = importedWithoutManagementCredential("laptop");
        Result rotated = rotateLaptop(0);

        assertThat(calls(fake.requests())).containsExactly(
                "GET /api/v4/personal_access_tokens/self", // its own dates, for the lifetime to keep
                "POST /api/v4/personal_access_tokens/self/rotate",
                "GET /api/v4/personal_access_tokens/self"); // the new token, checked
        List<RecordedRequest> sent = fake.requests();
        assertThat(sent.get(0).getHeaders().get("PRIVATE-TOKEN")).isEqualTo(token.secret);
        assertThat(sent.get(1).getHeaders().get("PRIVATE-TOKEN")).isEqualTo(token.secret);
        // A year from now, not GitLab's one-week default.
        assertThat(sent.get(1).getBody().string(StandardCharsets.UTF_8)).isEqualTo("{\"expires_at\":\"2027-01-15\"}");
        FakeApi.Key next = key("laptop");
        assertThat(next.id).isNotEqualTo(token.id);
        assertThat(sent.get(2).getHeaders().get("PRIVATE-TOKEN")).isEqualTo(next.secret);
        assertThat(cli.keychain().item("apikey", "me/laptop")).isEqualTo(next.secret);
        assertThat(json(cli.run("list", "me", "--json")).get(0).get("id").asText()).isEqualTo(next.id);
        assertThat(fake.liveFamily(token.id)).containsExactly(next);
        assertThat(fake.familyRevocations).isZero();
        assertNoSecretIn(rotated);
    }

    @Test
    void projectAndGroupTokensRotateThemselvesAtTheirOwnSelfRotate() throws Exception {
        assertThat(cli.run("provider", "add", "proj", "--type", "gitlab", "--base-url", fake.baseUrl(),
                "--param", "kind=project", "--param", "project=group/app").exit()).isZero();
        FakeApi.Key bot = fake.personalToken("ci", 10, 30);
        bot.extra.remove("user_id");
        bot.extra.put("project", "group/app");
        assertThat(cli.invocation().stdin(bot.secret + "\n").run("import", "proj/ci", "--id", bot.id).exit()).isZero();
        Result rotated = cli.run("rotate", "proj/ci");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        assertThat(calls(fake.requests("POST"))).containsExactly("POST /api/v4/projects/group%2Fapp/access_tokens/self/rotate");
        assertThat(fake.requests("POST").get(0).getBody().string(StandardCharsets.UTF_8)).isEqualTo("{\"expires_at\":\"2026-02-14\"}");
        assertThat(cli.keychain().item("apikey", "proj/ci")).isEqualTo(key("ci").secret);
    }

    @Test
    void aTokenNotAllowedToRotateItselfIsAClearErrorAndKeepsItsSecret() {
        FakeApi.Key token = importedWithoutManagementCredential("laptop");
        // GitLab: "403: Forbidden if the token is not allowed to rotate itself" (no api or self_rotate scope).
        fake.failNext("POST", "/self/rotate", 1, 403, "Forbidden");
        assertThat(rotateLaptop(4).err()).contains("with its own secret").contains("the key's own secret was refused (HTTP 403")
                .contains("apikey provider login me");
        assertThat(cli.keychain().item("apikey", "me/laptop")).isEqualTo(token.secret);
        rotateLaptop(0); // nothing is left unfinished
    }

    @Test
    void aLostSelfRotationNeverSendsTheOldTokenToRotateAgainAndSaysHowToReplaceIt() {
        FakeApi.Key token = importedWithoutManagementCredential("laptop");
        fake.loseAnswerNext("POST", "/self/rotate");
        rotateLaptop(6);
        assertThat(fake.revoked).containsKey(token.id); // GitLab rotated it: the stored token is dead
        FakeApi.Key successor = key("laptop");

        Result resumed = cli.run("rotate", "--resume", "me/laptop");
        assertThat(resumed.exit()).as(resumed.toString()).isEqualTo(8);
        assertThat(resumed.err()).contains("revoked its old secret").contains("cannot be recovered")
                .contains("no valid secret was held from").contains("apikey forget me/laptop")
                .contains("apikey import me/laptop --id ID");
        // The old token only asked whether it still works, which rotates nothing; it was never sent to rotate again.
        assertThat(calls(requests("POST", "/rotate"))).hasSize(1);
        assertThat(fake.familyRevocations).isZero();
        assertThat(fake.keys).containsKey(successor.id);
        assertThat(cli.run("rotate", "--resume", "me/laptop").exit()).as("nothing left to resume").isEqualTo(3);
        assertNoSecretIn(resumed);
    }

    @Test
    void aSelfRotationThatNeverReachedGitLabIsMadeOnResume() {
        FakeApi.Key token = importedWithoutManagementCredential("laptop");
        fake.failNext("POST", "/self/rotate", 1, 503, "Service Unavailable");
        rotateLaptop(6);
        assertThat(fake.keys).containsKey(token.id);

        Result resumed = cli.run("rotate", "--resume", "me/laptop");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).contains("no valid secret was held from");
        FakeApi.Key next = key("laptop");
        assertThat(fake.liveFamily(token.id)).containsExactly(next);
        assertThat(cli.keychain().item("apikey", "me/laptop")).isEqualTo(next.secret);
        assertThat(fake.familyRevocations).isZero();
    }

    @Test
    void reusingARotatedTokenToRotateRevokesItsFamilyAsGitLabDoes() throws Exception {
        FakeApi.Key token = importedWithoutManagementCredential("laptop");
        rotateLaptop(0);
        FakeApi.Key next = key("laptop");
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
        okhttp3.Request inform = new okhttp3.Request.Builder().url(fake.baseUrl() + "/api/v4/personal_access_tokens/self")
                .header("PRIVATE-TOKEN", token.secret).build();
        try (okhttp3.Response r = http.newCall(inform).execute()) {
            assertThat(r.code()).isEqualTo(401);
        }
        assertThat(fake.familyRevocations).as("a read with the old token is only refused").isZero();
        okhttp3.Request reuse = inform.newBuilder().url(fake.baseUrl() + "/api/v4/personal_access_tokens/self/rotate")
                .post(okhttp3.RequestBody.create(new byte[0])).build();
        try (okhttp3.Response r = http.newCall(reuse).execute()) {
            assertThat(r.code()).isEqualTo(401);
        }
        assertThat(fake.familyRevocations).isEqualTo(1);
        assertThat(fake.keys).doesNotContainKey(next.id);
    }

    @Test
    void aManagementCredentialThatIsTheTokenItselfFollowsTheRotation() {
        FakeApi.Key token = importedWithoutManagementCredential("laptop");
        Result login = cli.invocation().stdin(token.secret + "\n").run("provider", "login", "me");
        assertThat(login.exit()).as(login.toString()).isZero();
        Result rotated = rotateLaptop(0);
        assertThat(calls(fake.requests("POST"))).containsExactly("POST /api/v4/personal_access_tokens/self/rotate");
        FakeApi.Key next = key("laptop");
        assertThat(cli.keychain().item("apikey-provider", "me")).isEqualTo(next.secret);
        Result listed = cli.run("list", "me", "--remote", "--json");
        assertThat(listed.exit()).as("the new credential works: " + listed).isZero();
        assertNoSecretIn(rotated);
    }

    @Test
    void aManagementCredentialFromTheEnvironmentThatIsTheTokenItselfIsCalledOut() {
        FakeApi.Key token = importedWithoutManagementCredential("laptop");
        cli.env("APIKEY_ADMIN_ME", token.secret);
        Result rotated = rotateLaptop(0);
        assertThat(rotated.err()).contains("APIKEY_ADMIN_ME is the old secret of me/laptop").contains("apikey get me/laptop");
        assertThat(rotated.err()).doesNotContain(token.secret).doesNotContain(key("laptop").secret);
    }

}
