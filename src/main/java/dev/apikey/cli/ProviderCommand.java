package dev.apikey.cli;

import static dev.apikey.cli.CommandModel.names;
import static dev.apikey.cli.CommandModel.parameterBuilder;
import static dev.apikey.cli.CommandModel.valueBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.core.ProviderAdmin;
import dev.apikey.core.Secret;
import dev.apikey.core.KeyUsage;
import dev.apikey.core.Provider;
import dev.apikey.core.ProviderConfig;
import dev.apikey.provider.ProviderType;
import dev.apikey.provider.declarative.DefinitionReader;
import dev.apikey.core.Printable;
import dev.apikey.term.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.apikey.cli.completion.CompletionCandidates;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;

final class ProviderCommand extends BaseCommand {

    private ProviderCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        CommandSpec provider = CommandModel.of("provider", new ProviderCommand(context))
                .description("Configure providers: the key-management APIs keys are made with.")
                .examples("  apikey provider list",
                        "  apikey provider add svc --type local --base-url https://api.mine.dev",
                        "  apikey provider login openai")
                .spec();
        for (CommandSpec sub : List.of(Add.model(context), Login.model(context), ListProviders.model(context),
                Show.model(context), Logout.model(context), Remove.model(context))) {
            provider.addSubcommand(sub.name(), new picocli.CommandLine(sub, new DefaultFactoryWhenNeeded()));
        }
        return provider;
    }

    /** The NAME parameter of the subcommands that act on a provider. */
    private static CommandModel named(String name, BaseCommand command, Consumer<String> set) {
        return CommandModel.of(name, command).addParameter(parameterBuilder("0", "1", "NAME", "The provider.", String.class,
                set).completionCandidates(new CompletionCandidates.ProviderNames()));
    }

    @Override
    protected int run() {
        spec.commandLine().usage(context.terminal().err());
        return ExitCode.USAGE.code();
    }

    /** A provider as {@code --json} shows it. */
    record ProviderView(String name, String type, String baseUrl, List<String> allowHosts, Map<String, String> params,
                        String header, String scheme, List<String> envVars, boolean credential, List<String> boundOrigins) {
    }

    static ProviderView view(CliContext context, ProviderConfig c) {
        Provider p = context.workspace().providers().get(c.name());
        KeyUsage usage = p.usage();
        String baseUrl = p.baseUrl() != null ? p.baseUrl()
                : context.providerTypes().find(c.type()).map(ProviderType::defaultBaseUrl).orElse(null);
        List<String> vars = usage.environment().isEmpty() ? List.of("<NAME>_API_KEY") : List.copyOf(usage.environment().keySet());
        return new ProviderView(c.name(), c.type(), baseUrl, c.allowHosts(), c.params(), usage.header(), usage.template(),
                vars, c.credentialBackend() != null, p.boundOrigins());
    }

    static final class Add extends BaseCommand {
        String name;
        String type;
        String baseUrl;
        List<String> allowHosts = new ArrayList<>();
        Map<String, String> params = new LinkedHashMap<>();
        String header;
        String scheme;
        String envVar;
        Path file;

        private Add(CliContext context) {
            super(context);
        }

        static CommandSpec model(CliContext context) {
            Add add = new Add(context);
            return CommandModel.of("add", add)
                    .description("Configure a provider.")
                    .examples("  apikey provider add svc --type local --base-url https://api.mine.dev",
                            "  apikey provider add gitlab-work --type gitlab --base-url https://gitlab.example.com",
                            "  apikey provider add acme --type http --file acme.json")
                    .parameter("0", "1", "NAME", "The provider's name.", String.class, v -> add.name = v)
                    .add(valueBuilder(names("--type"), "TYPE", "The API it speaks: local, http, cloudflare, gitlab, github, "
                            + "openai, datadog, sendgrid, twilio, npm.", String.class, v -> add.type = v).required(true)
                            .completionCandidates(new CompletionCandidates.ProviderTypeNames()))
                    .option(names("--base-url"), "URL", "Its base URL (https; http only to loopback).", String.class,
                            v -> add.baseUrl = v)
                    .repeatable(names("--allow-host"), "[SCHEME://]HOST[:PORT]", "Another origin its keys may be sent to: HOST[:PORT] (https), "
                            + "SCHEME://HOST[:PORT], or a loopback HOST (any port, http too). Repeatable.",
                            () -> add.allowHosts, v -> add.allowHosts = v)
                    .keyValues(names("--param"), "K=V", "A type-specific setting. Repeatable.", () -> add.params,
                            v -> add.params = v)
                    .option(names("--header"), "NAME", "The header keys are sent in.", String.class, v -> add.header = v)
                    .option(names("--scheme"), "TEMPLATE", "The header value, e.g. 'Bearer {secret}'.", String.class,
                            v -> add.scheme = v)
                    .option(names("--env-var"), "VAR", "The variable 'apikey exec' sets.", String.class, v -> add.envVar = v)
                    .option(names("--file"), "DEF.json", "With --type http: the provider's definition (see "
                            + "docs/providers.md).", Path.class, v -> add.file = v)
                    .spec();
        }

        @Override
        protected int run() {
            String definition = file == null ? null : DefinitionFile.read(file).toString();
            ProviderConfig config = new ProviderConfig(name, type, baseUrl, allowHosts, params, header, scheme, envVar,
                    null, definition);
            try {
                new ProviderAdmin(workspace(), context.providerConfigs()).add(config);
            } catch (DefinitionReader.InvalidDefinitionException e) {
                throw e.in(file == null ? "the definition" : file.toString());
            }
            info("Added provider " + name + " (" + type + ")");
            if (output().json()) {
                output().printJson(view(context, config));
            }
            return ExitCode.OK.code();
        }
    }

    static final class Login extends BaseCommand {
        String name;

        private Login(CliContext context) {
            super(context);
        }

        static CommandSpec model(CliContext context) {
            Login login = new Login(context);
            return named("login", login, v -> login.name = v)
                    .description("Store a provider's management credential in the secret store.",
                            "It is read from standard input, or asked for without echo; never from arguments.")
                    .examples("  apikey provider login openai", "  printf %%s \"$TOKEN\" | apikey provider login gitlab-work")
                    .spec();
        }

        @Override
        protected int run() {
            workspace().providers().config(name);
            Secret credential = SecretInput.read(context, "Management credential for " + name + ": ",
                    "'printf %s \"$TOKEN\" | apikey provider login " + name + "'");
            ProviderConfig updated = new ProviderAdmin(workspace(), context.providerConfigs()).login(name, credential);
            info("Stored the management credential of " + name + " in the " + updated.credentialBackend() + " store");
            return ExitCode.OK.code();
        }
    }

    static final class Logout extends BaseCommand {
        String name;

        private Logout(CliContext context) {
            super(context);
        }

        static CommandSpec model(CliContext context) {
            Logout logout = new Logout(context);
            return named("logout", logout, v -> logout.name = v)
                    .description("Delete a provider's stored management credential.")
                    .examples("  apikey provider logout openai")
                    .spec();
        }

        @Override
        protected int run() {
            boolean deleted = new ProviderAdmin(workspace(), context.providerConfigs()).logout(name);
            info(deleted ? "Deleted the management credential of " + name : "No stored credential for " + name);
            return ExitCode.OK.code();
        }
    }

    static final class Remove extends BaseCommand {
        String name;
        boolean yes;

        private Remove(CliContext context) {
            super(context);
        }

        static CommandSpec model(CliContext context) {
            Remove remove = new Remove(context);
            return named("remove", remove, v -> remove.name = v)
                    .description("Remove a provider you added (it must have no keys left).")
                    .examples("  apikey provider remove gitlab-work", "  apikey provider remove gitlab-work --yes   # in scripts")
                    .yes(v -> remove.yes = v)
                    .spec();
        }

        @Override
        protected int run() {
            context.providerConfigs().find(name).orElseGet(() -> workspace().providers().config(name));
            Confirmation.require(context, yes, "remove provider " + name + "?");
            new ProviderAdmin(workspace(), context.providerConfigs()).remove(name);
            info("Removed provider " + name);
            return ExitCode.OK.code();
        }
    }

    static final class ListProviders extends BaseCommand {
        private ListProviders(CliContext context) {
            super(context);
        }

        static CommandSpec model(CliContext context) {
            return CommandModel.of("list", new ListProviders(context))
                    .description("List providers: those you added, and local.")
                    .examples("  apikey provider list", "  apikey provider list --json | jq -r '.[].name'")
                    .spec();
        }

        @Override
        protected int run() {
            List<ProviderView> views = workspace().providers().listed().stream().map(c -> view(context, c)).toList();
            if (output().json()) {
                output().printJson(views);
                return ExitCode.OK.code();
            }
            Table table = new Table("NAME", "TYPE", "BASE URL", "CREDENTIAL");
            for (ProviderView v : views) {
                table.row(v.name(), v.type(), v.baseUrl() == null ? "-" : v.baseUrl(), v.credential() ? "stored" : "-");
            }
            output().print(table);
            return ExitCode.OK.code();
        }
    }

    static final class Show extends BaseCommand {
        String name;

        private Show(CliContext context) {
            super(context);
        }

        static CommandSpec model(CliContext context) {
            Show show = new Show(context);
            return named("show", show, v -> show.name = v)
                    .description("Show a provider's settings.")
                    .examples("  apikey provider show openai", "  apikey provider show svc --json")
                    .spec();
        }

        @Override
        protected int run() {
            ProviderView v = view(context, workspace().providers().config(name));
            if (output().json()) {
                output().printJson(v);
                return ExitCode.OK.code();
            }
            field("name", v.name());
            field("type", v.type());
            field("base URL", v.baseUrl() == null ? "-" : v.baseUrl());
            field("bound to", v.boundOrigins().isEmpty() ? "no host (request needs --allow-host)"
                    : String.join(", ", v.boundOrigins()));
            field("header", v.header() + ": " + v.scheme());
            field("exec sets", String.join(", ", v.envVars()));
            field("credential", v.credential() ? "stored" : "-");
            v.params().forEach((k, val) -> field("param", k + "=" + val));
            return ExitCode.OK.code();
        }

        /** One line of settings, which come from providers.json or a definition file: shown escaped (SPEC §4). */
        private void field(String label, String value) {
            context.terminal().out().println(String.format("%-13s", label + ":") + Printable.escape(value));
        }
    }
}
