package dev.apikey.cli;

import dev.apikey.core.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"apikey " + Version.current()};
    }
}
