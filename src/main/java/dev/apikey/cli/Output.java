package dev.apikey.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.apikey.metadata.Json;
import dev.apikey.metadata.JsonStreams;
import dev.apikey.term.Style;
import dev.apikey.term.Table;
import dev.apikey.term.Terminal;
import dev.apikey.term.Times;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Data for stdout: JSON when asked for, else a table shaped for a terminal or for a pipe. */
public final class Output {
    private final Terminal terminal;
    private final Map<String, String> environment;
    private final Clock clock;
    private final boolean json;

    Output(Terminal terminal, Map<String, String> environment, Clock clock, boolean json) {
        this.terminal = terminal;
        this.environment = environment;
        this.clock = clock;
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    /** Writes one JSON document (pretty on a terminal) and a newline. */
    public void printJson(Object view) {
        try {
            var writer = terminal.stdoutIsTerminal()
                    ? Json.mapper().writerWithDefaultPrettyPrinter() : Json.mapper().writer();
            terminal.out().println(writer.writeValueAsString(view));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A view that writes itself as JSON, with jackson-core alone (no databind on the commands that print it). */
    public interface JsonWritable {
        void writeJson(JsonGenerator g) throws IOException;
    }

    /** Writes one JSON document (pretty on a terminal) and a newline. */
    public void printJson(JsonWritable view) {
        try (JsonGenerator g = JsonStreams.generator(terminal.out(), terminal.stdoutIsTerminal())) {
            view.writeJson(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        terminal.out().println();
    }

    /** Writes one JSON array of the views (pretty on a terminal) and a newline. */
    public void printJsonArray(List<? extends JsonWritable> views) {
        try (JsonArrayStream array = jsonArray()) {
            views.forEach(array::add);
        }
    }

    /** A JSON array written element by element, so long listings stream in constant memory. */
    public JsonArrayStream jsonArray() {
        return new JsonArrayStream(terminal);
    }

    public void print(Table table) {
        table.print(terminal.out(), terminal.width(), style());
    }

    public Style style() {
        return Style.forStream(terminal.stdoutIsTerminal(), environment);
    }

    /** Relative times on a terminal, ISO-8601 elsewhere. */
    public Times times() {
        return new Times(terminal.stdoutIsTerminal(), clock.instant());
    }

    /** An open JSON array on stdout, written by jackson-core's generator. */
    public static final class JsonArrayStream implements AutoCloseable {
        private final JsonGenerator generator;
        private final Terminal terminal;

        private JsonArrayStream(Terminal terminal) {
            this.terminal = terminal;
            try {
                generator = JsonStreams.generator(terminal.out(), terminal.stdoutIsTerminal());
                generator.writeStartArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void add(JsonWritable view) {
            try {
                view.writeJson(generator);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                generator.writeEndArray();
                // Closing flushes the generator's buffer; stdout itself stays open (AUTO_CLOSE_TARGET is off).
                generator.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            terminal.out().println();
        }
    }
}
