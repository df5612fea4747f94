package dev.apikey.store;

import java.util.List;

/** The names of the secret store backends. */
public final class Backends {
    public static final String KEYCHAIN = "keychain";
    public static final String FILE = "file";
    public static final String ENV = "env";
    public static final List<String> ALL = List.of(KEYCHAIN, FILE, ENV);

    private Backends() {
    }
}
