package dev.apikey.core;

/** Turns the user's {@code DEST} into a {@link Destination}: the table of destination kinds. */
public interface Destinations {

    /**
     * @throws UsageException naming the accepted forms when {@code dest} is none of them
     */
    Destination parse(String dest);
}
