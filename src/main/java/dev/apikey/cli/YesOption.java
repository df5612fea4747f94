package dev.apikey.cli;

import picocli.CommandLine.Option;

/** {@code --yes} for destructive commands. */
final class YesOption {
    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (required without a terminal).")
    boolean yes;
}
