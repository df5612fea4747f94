package dev.apikey.cli;

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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "provider",
        description = "Configure providers: the key-management APIs keys are made with.",
        subcommands = {
            ProviderCommand.Add.class,
            ProviderCommand.Login.class,
            ProviderCommand.ListProviders.class,
            ProviderCommand.Show.class,
            ProviderCommand.Logout.class,
            ProviderCommand.Remove.class,
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  apikey provider list",
            "  apikey provider add svc --type local --base-url https://api.mine.dev",
            "  apikey provider login openai",
        })
final class ProviderCommand extends BaseCommand {

    ProviderCommand(CliContext context) {
        super(context);
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

    @Command(name = "add", description = "Configure a provider.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  apikey provider add svc --type local --base-url https://api.mine.dev",
                "  apikey provider add gitlab-work --type gitlab --base-url https://gitlab.example.com",
                "  apikey provider add acme --type http --file acme.json",
            })
    static final class Add extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The provider's name.")
        String name;

        @Option(names = "--type", required = true, paramLabel = "TYPE",
                completionCandidates = CompletionCandidates.ProviderTypeNames.class,
                description = "The API it speaks: local, http, cloudflare, gitlab, github, openai, datadog, sendgrid, twilio, npm.")
        String type;

        @Option(names = "--base-url", paramLabel = "URL", description = "Its base URL (https; http only to loopback).")
        String baseUrl;

        @Option(names = "--allow-host", paramLabel = "HOST", description = "Another origin its keys may be sent to: HOST[:PORT] (https), SCHEME://HOST[:PORT], "
                + "or a loopback HOST (any port, http too). Repeatable.")
        List<String> allowHosts = new ArrayList<>();

        @Option(names = "--param", paramLabel = "K=V", description = "A type-specific setting. Repeatable.")
        Map<String, String> params = new LinkedHashMap<>();

        @Option(names = "--header", paramLabel = "NAME", description = "The header keys are sent in.")
        String header;

        @Option(names = "--scheme", paramLabel = "TEMPLATE", description = "The header value, e.g. 'Bearer {secret}'.")
        String scheme;

        @Option(names = "--env-var", paramLabel = "VAR", description = "The variable 'apikey exec' sets.")
        String envVar;

        @Option(names = "--file", paramLabel = "DEF.json",
                description = "With --type http: the provider's definition (see docs/providers.md).")
        Path file;

        Add(CliContext context) {
            super(context);
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

    @Command(name = "login",
            description = {"Store a provider's management credential in the secret store.",
                "It is read from standard input, or asked for without echo; never from arguments."},
            footerHeading = "%nExamples:%n",
            footer = {"  apikey provider login openai", "  printf %%s \"$TOKEN\" | apikey provider login gitlab-work"})
    static final class Login extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The provider.",
                completionCandidates = CompletionCandidates.ProviderNames.class)
        String name;

        Login(CliContext context) {
            super(context);
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

    @Command(name = "logout", description = "Delete a provider's stored management credential.",
            footerHeading = "%nExamples:%n",
            footer = {"  apikey provider logout openai"})
    static final class Logout extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The provider.",
                completionCandidates = CompletionCandidates.ProviderNames.class)
        String name;

        Logout(CliContext context) {
            super(context);
        }

        @Override
        protected int run() {
            boolean deleted = new ProviderAdmin(workspace(), context.providerConfigs()).logout(name);
            info(deleted ? "Deleted the management credential of " + name : "No stored credential for " + name);
            return ExitCode.OK.code();
        }
    }

    @Command(name = "remove", description = "Remove a provider you added (it must have no keys left).",
            footerHeading = "%nExamples:%n",
            footer = {"  apikey provider remove gitlab-work", "  apikey provider remove gitlab-work --yes   # in scripts"})
    static final class Remove extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The provider.",
                completionCandidates = CompletionCandidates.ProviderNames.class)
        String name;

        @Mixin
        YesOption yes;

        Remove(CliContext context) {
            super(context);
        }

        @Override
        protected int run() {
            context.providerConfigs().find(name).orElseGet(() -> workspace().providers().config(name));
            Confirmation.require(context, yes.yes, "remove provider " + name + "?");
            new ProviderAdmin(workspace(), context.providerConfigs()).remove(name);
            info("Removed provider " + name);
            return ExitCode.OK.code();
        }
    }

    @Command(name = "list", description = "List providers: those you added, and local.",
            footerHeading = "%nExamples:%n",
            footer = {"  apikey provider list", "  apikey provider list --json | jq -r '.[].name'"})
    static final class ListProviders extends BaseCommand {
        ListProviders(CliContext context) {
            super(context);
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

    @Command(name = "show", description = "Show a provider's settings.",
            footerHeading = "%nExamples:%n",
            footer = {"  apikey provider show openai", "  apikey provider show svc --json"})
    static final class Show extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The provider.",
                completionCandidates = CompletionCandidates.ProviderNames.class)
        String name;

        Show(CliContext context) {
            super(context);
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
