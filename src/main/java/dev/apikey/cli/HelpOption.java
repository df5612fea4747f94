package dev.apikey.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} on a subcommand, as its own error hints suggest. */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;
}
