package dev.apikey.term;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TableTest {
    private static Table keys() {
        Table t = new Table("REF", "STATUS", "HINT", "CREATED", "EXPIRES", "ROTATED", "BACKEND");
        t.row("local/payments-service-production", "active", "ak_…x9Qz", "3 days ago", "in 87 days", "-", "keychain");
        t.row("openai/ci-bot", "expired", "sk-…a1B2", "5 months ago", "2 days ago", "1 month ago", "file");
        return t;
    }

    private static List<String> print(Table t, int width, Style style) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), width, style);
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static int columns(String line) {
        return line.replaceAll("\u001b\\[[0-9;]*m", "").codePointCount(0, line.replaceAll("\u001b\\[[0-9;]*m", "").length());
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 40, 60, 80, 120, 200})
    void everyLineFitsTheTerminal(int width) {
        List<String> lines = print(keys(), width, Style.PLAIN);
        assertThat(lines).hasSize(3);
        assertThat(lines).allSatisfy(l -> assertThat(columns(l)).as("'%s'", l).isLessThanOrEqualTo(width));
        assertThat(lines.get(0)).startsWith("REF");
    }

    @Test
    void aWideTerminalShowsEverythingInFull() {
        List<String> lines = print(keys(), 200, Style.PLAIN);
        assertThat(lines.get(0)).matches("REF +STATUS +HINT +CREATED +EXPIRES +ROTATED +BACKEND");
        assertThat(lines.get(1)).contains("local/payments-service-production").contains("in 87 days").endsWith("keychain");
        assertThat(lines.get(2)).contains("openai/ci-bot").contains("1 month ago").endsWith("file");
        assertThat(String.join("\n", lines)).doesNotContain("…x9Qz…").doesNotContain("production…");
    }

    @Test
    void aNarrowTerminalKeepsTheFirstColumnsAndShortensWithAnEllipsis() {
        List<String> lines = print(keys(), 40, Style.PLAIN);
        assertThat(lines.get(0)).startsWith("REF").contains("STATUS").doesNotContain("BACKEND").doesNotContain("ROTATED");
        assertThat(lines.get(1)).startsWith("local/payments-servi").contains("…");
        assertThat(lines.get(2)).startsWith("openai/ci-bot");
    }

    @Test
    void offATerminalValuesAreWholeAndTabSeparated() {
        List<String> lines = print(keys(), 0, Style.PLAIN);
        assertThat(lines).containsExactly(
                "local/payments-service-production\tactive\tak_…x9Qz\t3 days ago\tin 87 days\t-\tkeychain",
                "openai/ci-bot\texpired\tsk-…a1B2\t5 months ago\t2 days ago\t1 month ago\tfile");
    }

    @Test
    void valuesStayOnOneLine() {
        Table t = new Table("NAME", "DETAIL").row("a", "line one\nline two\tand a tab\u001b[2J");
        assertThat(print(t, 0, Style.PLAIN)).containsExactly("a\tline one\\nline two\\tand a tab\\x1b[2J");
        assertThat(print(t, 80, Style.PLAIN)).hasSize(2).allSatisfy(l -> assertThat(l).doesNotContain("\u001b"))
                .last().asString().endsWith("line one\\nline two\\tand a tab\\x1b[2J");
    }

    @Test
    void colourOnlyWhereTheStyleAllowsIt() {
        Table t = new Table("REF", "STATUS").row(new String[] {null, Style.RED}, "openai/ci-bot", "expired");
        Style colour = Style.forStream(true, Map.of("TERM", "xterm"));
        assertThat(print(t, 80, colour).get(1)).contains("\u001b[31mexpired\u001b[0m");
        assertThat(print(t, 80, Style.PLAIN).get(1)).doesNotContain("\u001b");
    }

    @Test
    void wideCharactersAlignByTheColumnsTheyTake() {
        Table t = new Table("NAME", "NOTE").row("東京-key", "x").row("🔑-key", "y").row("plain-key", "z");
        List<String> lines = print(t, 80, Style.PLAIN);
        // 東京 and 🔑 take two columns each on a terminal: every NOTE starts in the same column.
        assertThat(lines).hasSize(4).extracting(l -> Table.length(l.substring(0, l.lastIndexOf(' ') + 1)))
                .as(String.join("\n", lines)).containsOnly(Table.length("plain-key") + 2);
        assertThat(Table.length("東京")).isEqualTo(4);
        assertThat(Table.length("e\u0301")).isEqualTo(1);
    }

    @Test
    void wideCharactersAreCutAtTheColumnsLeft() {
        Table t = new Table("NAME", "NOTE").row("東京東京東京東京東京東京東京東京", "x");
        for (String line : print(t, 20, Style.PLAIN)) {
            assertThat(Table.length(line)).as(line).isLessThanOrEqualTo(20);
        }
    }
}
