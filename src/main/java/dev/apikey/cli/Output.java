package dev.apikey.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import dev.apikey.metadata.Json;
import dev.apikey.term.Style;
import dev.apikey.term.Table;
import dev.apikey.term.Terminal;
import dev.apikey.term.Times;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
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

    /** A JSON array written element by element, so long listings stream in constant memory. */
    public JsonArrayStream jsonArray() {
        try {
            JsonGenerator g = Json.mapper().getFactory().createGenerator(terminal.out());
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            SequenceWriter w = (terminal.stdoutIsTerminal()
                    ? Json.mapper().writerWithDefaultPrettyPrinter() : Json.mapper().writer()).writeValuesAsArray(g);
            return new JsonArrayStream(w, g, terminal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** An open JSON array on stdout. */
    public static final class JsonArrayStream implements AutoCloseable {
        private final SequenceWriter writer;
        private final JsonGenerator generator;
        private final Terminal terminal;

        JsonArrayStream(SequenceWriter writer, JsonGenerator generator, Terminal terminal) {
            this.writer = writer;
            this.generator = generator;
            this.terminal = terminal;
        }

        public void add(Object view) {
            try {
                writer.write(view);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                writer.close();
                // The writer leaves its generator open, and the closing bracket in its buffer; closing
                // it flushes, and stdout itself stays open (AUTO_CLOSE_TARGET is off).
                generator.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            terminal.out().println();
        }
    }
}
