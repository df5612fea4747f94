package dev.apikey.cli;

import static dev.apikey.cli.CommandModel.flagBuilder;
import static dev.apikey.cli.CommandModel.names;
import static dev.apikey.cli.CommandModel.valueBuilder;

import dev.apikey.cli.completion.CompletionCandidates;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The root command; its subcommands are added by {@link Commands}, only those an invocation needs. */
final class RootCommand extends BaseCommand {

    RootCommand(CliContext context) {
        super(context);
    }

    /** The root's model: what {@code apikey --help} shows, and the options every command accepts. */
    static CommandSpec model(CliContext context) {
        RootCommand root = new RootCommand(context);
        GlobalOptions options = context.options();
        CommandModel model = CommandModel.of("apikey", root)
                .description("Manage API keys: secrets in the OS keychain, lifecycle through the provider's API.",
                        "",
                        "A key is named PROVIDER/NAME, e.g. openai/ci-bot. The provider 'local' mints keys on this machine.")
                .examples("  apikey create local/my-service --expires 90d",
                        "  apikey list",
                        "  apikey rotate --due",
                        "  apikey completion bash > ~/.local/share/bash-completion/completions/apikey",
                        "",
                        "Environment:",
                        "  APIKEY_BACKEND           keychain, file or env: where new secrets go",
                        "  APIKEY_CONFIG_DIR        the config directory",
                        "  APIKEY_PASSPHRASE        passphrase of the encrypted file store (or APIKEY_PASSPHRASE_FILE)",
                        "  APIKEY_SECRET_<REF>      a key's secret, overriding the store (CI)",
                        "  APIKEY_ADMIN_<PROVIDER>  a provider's management credential (CI)",
                        "  NO_COLOR                 no colour in output")
                .global(flagBuilder(names("--json"), "Print data as JSON.", v -> options.json = v))
                .global(flagBuilder(names("-q", "--quiet"), "Print no progress or confirmations.", v -> options.quiet = v))
                .global(flagBuilder(names("-v", "--verbose"),
                        "Show details on stderr, such as HTTP exchanges (secrets redacted).", v -> options.verbose = v))
                .global(flagBuilder(names("--no-input"), "Never prompt; fail instead.", v -> options.noInput = v))
                .global(valueBuilder(names("--backend"), "NAME", "Secret store for new secrets: keychain, file or env.",
                        String.class, v -> options.backend = v)
                        .completionCandidates(new CompletionCandidates.BackendNames()))
                .global(valueBuilder(names("--config-dir"), "DIR", "Config directory.", String.class,
                        v -> options.configDir = v))
                .add(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit."))
                .add(OptionSpec.builder("-V", "--version").versionHelp(true)
                        .description("Print version information and exit."));
        CommandSpec spec = model.spec().versionProvider(new VersionProvider());
        // The list of exit codes is ExitCode's, set by Commands.
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n");
        return spec;
    }

    @Override
    protected int run() {
        spec.commandLine().usage(context.terminal().err());
        return ExitCode.USAGE.code();
    }
}
