package dev.apikey.provider.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.BuiltIns;
import dev.apikey.metadata.Json;
import dev.apikey.provider.declarative.DeclaredProviderType;
import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import dev.apikey.testing.fakes.AnthropicFake;
import dev.apikey.testing.fakes.CloudflareFake;
import dev.apikey.testing.fakes.DatadogFake;
import dev.apikey.testing.fakes.FakeApi;
import dev.apikey.testing.fakes.GitLabFake;
import dev.apikey.testing.fakes.HerokuFake;
import dev.apikey.testing.fakes.LinodeFake;
import dev.apikey.testing.fakes.NpmFake;
import dev.apikey.testing.fakes.OpenAiFake;
import dev.apikey.testing.fakes.SendGridFake;
import dev.apikey.testing.fakes.TwilioFake;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The definition format is the real interface: for every built-in written in it, a user's copy of its definition
 * file, added with {@code provider add --type http --file}, drives the same lifecycle — create (or import, where the
 * API cannot create), list, rotate, revoke — against the same fake, with the very same requests as the built-in.
 */
class UserCopiedDefinitionsTest {
    private static final String CF_POLICIES = "[{\"effect\":\"allow\",\"resources\":{\"com.cloudflare.api.account.zone."
            + "eb78d65290b24279ba6f44721b3ea3c4\":\"*\"},\"permission_groups\":[{\"id\":\"c8fed203ed3043cba015a93ad1616f1f\"}]}]";

    @TempDir
    Path dir;

    /**
     * One built-in and what its lifecycle needs.
     *
     * @param providerParams {@code --param}s of {@code provider add}
     * @param createArgs     what {@code create} needs besides the ref
     * @param env            variables the commands need (create-time inputs)
     * @param imports        whether the key is imported (the API cannot create one)
     */
    record Case(String type, Supplier<FakeApi> fake, String credential, List<String> providerParams,
                List<String> createArgs, Map<String, String> env, boolean imports) {
        @Override
        public String toString() {
            return type;
        }
    }

    static Stream<Case> builtIns() {
        return Stream.of(
                new Case("cloudflare", () -> new CloudflareFake("cf-admin-token-0123456789abcdefghij"),
                        "cf-admin-token-0123456789abcdefghij", List.of(), List.of("--param", "policies=" + CF_POLICIES),
                        Map.of(), false),
                new Case("gitlab", () -> new GitLabFake("glpat-admin-0123456789abcdef"), "glpat-admin-0123456789abcdef",
                        List.of("--param", "kind=project", "--param", "project=group/app"),
                        List.of("--scope", "read_api", "--expires", "30d"), Map.of(), false),
                new Case("openai", () -> new OpenAiFake("sk-admin-management-0123456789abcdef"),
                        "sk-admin-management-0123456789abcdef", List.of(), List.of("--expires", "30d"), Map.of(), false),
                new Case("datadog", () -> new DatadogFake("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba98"),
                        "0123456789abcdef0123456789abcdef:fedcba9876543210fedcba98", List.of(), List.of(), Map.of(), false),
                new Case("sendgrid", () -> new SendGridFake("SG.admin.0123456789abcdefghijklmnopqrstuvwxyz"),
                        "SG.admin.0123456789abcdefghijklmnopqrstuvwxyz", List.of(), List.of("--scope", "mail.send"),
                        Map.of(), false),
                new Case("twilio", () -> new TwilioFake("auth-token-0123456789abcdef0123"),
                        TwilioFake.ACCOUNT + ":auth-token-0123456789abcdef0123", List.of(), List.of(), Map.of(), false),
                new Case("npm", () -> new NpmFake("npm_session0123456789abcdefghijklmn", "correct horse"),
                        "npm_session0123456789abcdefghijklmn", List.of(), List.of(),
                        Map.of("APIKEY_NPM_PASSWORD", "correct horse"), false),
                new Case("linode", () -> new LinodeFake("linode-management-token-0123456789abcdef"),
                        "linode-management-token-0123456789abcdef", List.of(), List.of("--scope", "linodes:read_only"),
                        Map.of(), false),
                new Case("anthropic", () -> new AnthropicFake("sk-ant-admin01-management-0123456789abcdef"),
                        "sk-ant-admin01-management-0123456789abcdef", List.of(), List.of(), Map.of(), true),
                new Case("heroku", () -> new HerokuFake("HRKU-management-0123456789abcdef0123456789abcdef"),
                        "HRKU-management-0123456789abcdef0123456789abcdef", List.of(), List.of("--expires", "30d"),
                        Map.of(), false));
    }

    /** Every built-in written in the format has a case here: a new one cannot be left out. */
    @Test
    void everyBuiltInDefinitionHasACase() {
        List<String> declared = BuiltIns.providerTypes().all().stream()
                .filter(t -> t instanceof DeclaredProviderType d && d.definition() != null).map(t -> t.name()).toList();
        assertThat(builtIns().map(Case::type).toList()).containsExactlyInAnyOrderElementsOf(declared);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIns")
    void aUserCopyDrivesTheSameLifecycle(Case c) throws Exception {
        JsonNode definition = ((DeclaredProviderType) BuiltIns.providerTypes().find(c.type()).orElseThrow()).definition();
        Path copy = dir.resolve(c.type() + "-copy.json");
        Files.writeString(copy, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(definition));

        List<String> builtIn = lifecycle(c, "builtin", List.of("--type", c.type()));
        List<String> userCopy = lifecycle(c, "copy", List.of("--type", "http", "--file", copy.toString()));
        assertThat(userCopy).isEqualTo(builtIn);
    }

    /** Runs the lifecycle with a provider added with these options, against a fresh fake; returns its requests. */
    private List<String> lifecycle(Case c, String run, List<String> typeOptions) throws Exception {
        try (FakeApi fake = c.fake().get()) {
            CliRunner cli = new CliRunner(dir.resolve(run));
            c.env().forEach(cli::env);
            List<String> add = new ArrayList<>(List.of("provider", "add", "p"));
            add.addAll(typeOptions);
            add.addAll(List.of("--base-url", fake.baseUrl()));
            add.addAll(c.providerParams());
            ok(cli.run(add.toArray(String[]::new)));
            cli.env("APIKEY_ADMIN_P", c.credential());
            fake.seed(3);

            if (c.imports()) {
                FakeApi.Key console = fake.keyList().get(1);
                ok(cli.invocation().stdin(console.secret + "\n").run("import", "p/k", "--id", console.id));
            } else {
                List<String> create = new ArrayList<>(List.of("create", "p/k"));
                create.addAll(c.createArgs());
                ok(cli.run(create.toArray(String[]::new)));
            }
            Result listed = ok(cli.run("list", "p", "--remote", "--json"));
            JsonNode rows = Json.mapper().readTree(listed.out());
            assertThat(rows.findValuesAsText("ref")).as(run).contains("p/k");
            if (!c.imports()) {
                ok(cli.run("rotate", "p/k"));
            }
            ok(cli.run("revoke", "p/k", "--yes"));
            return fake.requests().stream().map(UserCopiedDefinitionsTest::signature).toList();
        }
    }

    private static Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    /** What a request asked for: method, path and query, and its body with the (random) recovery marker made one. */
    private static String signature(RecordedRequest r) {
        String body = r.getBody() == null ? ""
                : r.getBody().string(StandardCharsets.UTF_8).replaceAll("apikey-[0-9a-f]{16}", "apikey-MARKER");
        return r.getMethod() + " " + r.getUrl().encodedPath() + (r.getUrl().encodedQuery() == null ? "" : "?"
                + r.getUrl().encodedQuery()) + " " + body;
    }
}
