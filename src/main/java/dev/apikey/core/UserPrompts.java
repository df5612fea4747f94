package dev.apikey.core;

/**
 * Questions to the user at a terminal. When there is no terminal, or {@code --no-input} was given,
 * {@link #available()} is false and nothing may be asked: callers fail with a hint instead.
 */
public interface UserPrompts {

    boolean available();

    /** Reads a secret without echoing it. Throws {@link CancelledException} on Ctrl-C or end of input. */
    char[] secret(String prompt);

    /** Asks a yes/no question whose default is no. Throws {@link CancelledException} on Ctrl-C. */
    boolean confirm(String question);

    /** Prompts that are never available: for scripts, CI and tests. */
    UserPrompts NONE = new UserPrompts() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public char[] secret(String prompt) {
            throw new IllegalStateException("no terminal to prompt on");
        }

        @Override
        public boolean confirm(String question) {
            throw new IllegalStateException("no terminal to prompt on");
        }
    };
}
