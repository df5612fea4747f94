package dev.apikey.cli;

/** The options every command accepts, as parsed. */
public final class GlobalOptions {
    boolean json;
    boolean quiet;
    boolean verbose;
    boolean noInput;
    String backend;
    String configDir;
}
