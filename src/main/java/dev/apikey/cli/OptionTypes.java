package dev.apikey.cli;

import dev.apikey.core.Durations;
import dev.apikey.core.Expiry;
import dev.apikey.core.KeyRef;
import dev.apikey.core.UsageException;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value types options and parameters take, read when the command line is parsed: a bad value is a
 * usage error (exit 2) that names the option, before anything runs.
 */
final class OptionTypes {
    private OptionTypes() {
    }

    /** Registers the converters with a command line and all its subcommands. */
    static void register(CommandLine cl) {
        cl.registerConverter(KeyRef.class, converter(KeyRef::parse));
        cl.registerConverter(Duration.class, converter(Durations::parse));
        cl.registerConverter(Expiry.class, converter(Expiry::parse));
    }

    private static <T> ITypeConverter<T> converter(java.util.function.Function<String, T> parse) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (UsageException e) {
                // picocli says which option: "Invalid value for option '--expires': invalid duration 'soon' …"
                throw new TypeConversionException(e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")"));
            }
        };
    }
}
