package dev.apikey;

/** The {@code apikey} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ProcessEnd.system().end(App.run(Env.system(), args));
    }
}
