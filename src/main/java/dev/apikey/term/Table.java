package dev.apikey.term;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table for stdout. On a terminal: a header and aligned columns that fit its width, the widest
 * columns shortened with an ellipsis. Off a terminal: full values, tab-separated, one row per line,
 * no header — for {@code cut}, {@code awk} and {@code while read}.
 */
public final class Table {
    private static final String GAP = "  ";
    private static final int MIN_COLUMN = 6;

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
                out.println(String.join("\t", Arrays.stream(row).map(Table::oneLine).toArray(String[]::new)));
            }
            return;
        }
        int[] widths = fit(terminalWidth);
        out.println(style.bold(line(headers, widths, null, Style.PLAIN)));
        for (int r = 0; r < rows.size(); r++) {
            out.println(line(rows.get(r), widths, colours.get(r), style));
        }
    }

    /** Column widths: natural widths, the widest shrunk first until the line fits. */
    int[] fit(int terminalWidth) {
        int n = headers.length;
        int[] widths = new int[n];
        for (int c = 0; c < n; c++) {
            widths[c] = headers[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], oneLine(row[c]).codePointCount(0, oneLine(row[c]).length()));
            }
        }
        int budget = terminalWidth - GAP.length() * (n - 1);
        while (Arrays.stream(widths).sum() > budget) {
            int widest = 0;
            for (int c = 1; c < n; c++) {
                if (widths[c] > widths[widest]) {
                    widest = c;
                }
            }
            if (widths[widest] <= MIN_COLUMN) {
                break; // nothing sensible left to shrink; let the terminal wrap
            }
            widths[widest]--;
        }
        return widths;
    }

    private static String line(String[] cells, int[] widths, String[] cellColours, Style style) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String text = truncate(oneLine(cells[c]), widths[c]);
            boolean last = c == cells.length - 1;
            String padded = last ? text : pad(text, widths[c]);
            b.append(cellColours == null || cellColours[c] == null ? padded : style.colour(cellColours[c], padded));
            if (!last) {
                b.append(GAP);
            }
        }
        return b.toString().stripTrailing();
    }

    private static String truncate(String s, int width) {
        int len = s.codePointCount(0, s.length());
        if (len <= width) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, Math.max(0, width - 1))) + "…";
    }

    private static String pad(String s, int width) {
        int len = s.codePointCount(0, s.length());
        return len >= width ? s : s + " ".repeat(width - len);
    }

    /** Keeps a value on one line, whatever a provider put in it. */
    private static String oneLine(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
