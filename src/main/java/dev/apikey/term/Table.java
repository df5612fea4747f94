package dev.apikey.term;

import dev.apikey.core.Printable;
import org.jline.utils.WCWidth;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table for stdout. On a terminal: a header and aligned columns that fit its width, the widest
 * columns shortened with an ellipsis and, when even that does not fit, the last columns left out
 * (columns are declared most important first). Off a terminal: full values, tab-separated, one row
 * per line, no header — for {@code cut}, {@code awk} and {@code while read}. Either way every cell is
 * escaped ({@link Printable}): this is the one place table and TSV output renders text.
 */
public final class Table {
    private static final String GAP = "  ";
    /** Columns are not shortened below this (or their natural width, if smaller)... */
    private static final int MIN_COLUMN = 6;
    /** ...except the first, which names the row and keeps this much before later columns go. */
    private static final int MIN_FIRST_COLUMN = 20;

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String[]> colours = new ArrayList<>();

    public Table(String... headers) {
        this.headers = headers;
    }

    public Table row(String... cells) {
        return row(null, cells);
    }

    /** A row with a colour (an ANSI SGR code such as {@code "31"}) per cell, or null for none. */
    public Table row(String[] cellColours, String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table " + headers.length);
        }
        String[] copy = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            copy[i] = cells[i] == null ? "" : cells[i];
        }
        rows.add(copy);
        colours.add(cellColours);
        return this;
    }

    public void print(PrintStream out, int terminalWidth, Style style) {
        if (terminalWidth <= 0) {
            for (String[] row : rows) {
                out.println(separatedLine(row));
            }
            return;
        }
        int[] widths = fit(terminalWidth);
        out.println(style.bold(line(headers, widths, null, Style.PLAIN)));
        for (int r = 0; r < rows.size(); r++) {
            out.println(line(rows.get(r), widths, colours.get(r), style));
        }
    }

    /**
     * Column widths: natural widths, the widest shrunk first until the line fits; 0 for a column left
     * out because the others could not fit with it even at their narrowest.
     */
    int[] fit(int terminalWidth) {
        int n = headers.length;
        int[] widths = new int[n];
        int[] narrowest = new int[n];
        for (int c = 0; c < n; c++) {
            widths[c] = length(headers[c]);
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], length(oneLine(row[c])));
            }
            narrowest[c] = Math.min(widths[c], c == 0 ? MIN_FIRST_COLUMN : MIN_COLUMN);
        }
        int shown = n;
        while (shown > 1 && sum(narrowest, shown) + GAP.length() * (shown - 1) > terminalWidth) {
            widths[--shown] = 0;
        }
        int budget = terminalWidth - GAP.length() * (shown - 1);
        while (sum(widths, shown) > budget) {
            int widest = -1;
            for (int c = 0; c < shown; c++) {
                if (widths[c] > narrowest[c] && (widest < 0 || widths[c] > widths[widest])) {
                    widest = c;
                }
            }
            if (widest < 0) {
                // One column, narrower than its minimum: the terminal is that narrow.
                widths[0] = Math.max(1, budget);
                break;
            }
            widths[widest]--;
        }
        return widths;
    }

    private static int sum(int[] widths, int count) {
        int total = 0;
        for (int c = 0; c < count; c++) {
            total += widths[c];
        }
        return total;
    }

    /** Columns the text takes on a terminal: CJK and most emoji take two, combining marks none. */
    static int length(String s) {
        int width = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            width += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return width;
    }

    private static String line(String[] cells, int[] widths, String[] cellColours, Style style) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.length && widths[c] > 0; c++) {
            String text = truncate(oneLine(cells[c]), widths[c]);
            boolean last = c == cells.length - 1 || widths[c + 1] == 0;
            String padded = last ? text : pad(text, widths[c]);
            b.append(cellColours == null || cellColours[c] == null ? padded : style.colour(cellColours[c], padded));
            if (!last) {
                b.append(GAP);
            }
        }
        return b.toString().stripTrailing();
    }

    /** The text cut to {@code width} columns, an ellipsis marking the cut. */
    private static String truncate(String s, int width) {
        if (length(s) <= width) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int w = Math.max(0, WCWidth.wcwidth(cp));
            if (used + w > width - 1) {
                break;
            }
            b.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return b + "…";
    }

    private static String pad(String s, int width) {
        int len = length(s);
        return len >= width ? s : s + " ".repeat(width - len);
    }

    /**
     * One row off a terminal: the cells tab-separated, each escaped, so a tab or newline a provider put
     * in a value can neither split the row nor shift its columns. Null cells are empty.
     */
    public static String separatedLine(String... cells) {
        return String.join("\t", Arrays.stream(cells).map(c -> c == null ? "" : oneLine(c)).toArray(String[]::new));
    }

    /**
     * Keeps a value on one line and off the terminal's controls, whatever a provider, a file or
     * another program put in it: {@code \n}, {@code \x1b} and the rest are shown escaped.
     */
    private static String oneLine(String s) {
        return Printable.escape(s);
    }
}
