package dev.apikey.core;

/** Messages for the user that are not data: they go to stderr, never to stdout. */
public interface Notices {

    /** Something the user should know even with {@code --quiet} off: a degraded but working state. */
    void warn(String message);

    /** Progress and confirmations; silenced by {@code --quiet}. */
    void info(String message);

    /** Detail shown only with {@code --verbose}; must never contain a secret. */
    void verbose(String message);

    /**
     * Marks a call that may be slow, such as a provider's API: on a terminal a progress line shows on
     * stderr once it has taken a moment, and goes when the returned activity is closed.
     */
    default Activity activity(String label) {
        return Activity.NONE;
    }

    /** A slow call in progress. */
    interface Activity extends AutoCloseable {
        Activity NONE = () -> {
        };

        /** Output is about to be written: take the progress line away until the next quiet spell. */
        default void output() {
        }

        @Override
        void close();
    }

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
