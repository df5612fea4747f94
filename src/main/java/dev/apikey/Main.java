package dev.apikey;

/** The {@code apikey} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // exit() rather than return: a D-Bus connection leaves non-daemon threads behind.
        System.exit(App.run(Env.system(), args));
    }
}
