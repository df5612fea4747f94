package dev.apikey.cli;

import dev.apikey.cli.completion.CompletionCandidates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command; its subcommands are added by {@link Commands}, only those an invocation needs. */
@Command(name = "apikey",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Manage API keys: secrets in the OS keychain, lifecycle through the provider's API.",
            "",
            "A key is named PROVIDER/NAME, e.g. openai/ci-bot. The provider 'local' mints keys on this machine."
        },
        exitCodeListHeading = "%nExit codes:%n", // the list is ExitCode's, set by Commands
        footerHeading = "%nExamples:%n",
        footer = {
            "  apikey create local/my-service --expires 90d",
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
            "  NO_COLOR                 no colour in output",
        })
public final class RootCommand extends BaseCommand {

    public RootCommand(CliContext context) {
        super(context);
    }

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print data as JSON.")
    void json(boolean v) {
        context.options().json = v;
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print no progress or confirmations.")
    void quiet(boolean v) {
        context.options().quiet = v;
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show details on stderr, such as HTTP exchanges (secrets redacted).")
    void verbose(boolean v) {
        context.options().verbose = v;
    }

    @Option(names = "--no-input", scope = ScopeType.INHERIT, description = "Never prompt; fail instead.")
    void noInput(boolean v) {
        context.options().noInput = v;
    }

    @Option(names = "--backend", scope = ScopeType.INHERIT, paramLabel = "NAME",
            completionCandidates = CompletionCandidates.BackendNames.class,
            description = "Secret store for new secrets: keychain, file or env.")
    void backend(String v) {
        context.options().backend = v;
    }

    @Option(names = "--config-dir", scope = ScopeType.INHERIT, paramLabel = "DIR", description = "Config directory.")
    void configDir(String v) {
        context.options().configDir = v;
    }

    @Override
    protected int run() {
        spec.commandLine().usage(context.terminal().err());
        return ExitCode.USAGE.code();
    }
}
