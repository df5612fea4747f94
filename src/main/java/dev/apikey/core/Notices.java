package dev.apikey.core;

/** Messages for the user that are not data: they go to stderr, never to stdout. */
public interface Notices {

    /** Something the user should know even with {@code --quiet} off: a degraded but working state. */
    void warn(String message);

    /** Progress and confirmations; silenced by {@code --quiet}. */
    void info(String message);

    /** Detail shown only with {@code --verbose}; must never contain a secret. */
    void verbose(String message);

    Notices SILENT = new Notices() {
        @Override
        public void warn(String message) {
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void verbose(String message) {
        }
    };
}
