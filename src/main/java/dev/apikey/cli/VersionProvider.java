package dev.apikey.cli;

import dev.apikey.core.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}. */
public final class VersionProvider implements IVersionProvider {
    /** What {@code apikey --version} prints. */
    public static String line() {
        return "apikey " + Version.current();
    }

    /** True for {@code apikey --version} (or {@code -V}) alone, which needs no command model at all. */
    public static boolean asksForVersionOnly(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    @Override
    public String[] getVersion() {
        return new String[] {line()};
    }
}
