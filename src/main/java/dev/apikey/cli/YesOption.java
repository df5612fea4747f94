package dev.apikey.cli;

import picocli.CommandLine.Option;

/** {@code --yes} for destructive commands. */
final class YesOption {
    static final String SHORT = "-y";
    static final String LONG = "--yes";
    static final String DESCRIPTION = "Do not ask for confirmation (required without a terminal).";

    @Option(names = {SHORT, LONG}, description = DESCRIPTION)
    boolean yes;
}
