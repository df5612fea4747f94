package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apikey.core.UsageException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestFieldsTest {
    static final Supplier<InputStream> NO_STDIN = () -> new ByteArrayInputStream(new byte[0]);

    static String json(List<String> raw, List<String> typed) {
        return new String(RequestFields.parse(raw, typed, NO_STDIN).json(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "-F {0}")
    @CsvSource(delimiter = '|', value = {
        "n=42              | {\"n\":42}",
        "n=-7              | {\"n\":-7}",
        "n=007             | {\"n\":\"007\"}",
        "b=true            | {\"b\":true}",
        "b=false           | {\"b\":false}",
        "x=null            | {\"x\":null}",
        "s=hello           | {\"s\":\"hello\"}",
        "s=1.5             | {\"s\":\"1.5\"}",
        "e=                | {\"e\":\"\"}",
        "a[b][c]=1         | {\"a\":{\"b\":{\"c\":1}}}",
        "tags[]=x          | {\"tags\":[\"x\"]}",
        "eq=a=b            | {\"eq\":\"a=b\"}",
    })
    void typedFieldsBecomeJson(String field, String expected) {
        assertThat(json(List.of(), List.of(field))).isEqualTo(expected);
    }

    @Test
    void rawFieldsStayStrings() {
        assertThat(json(List.of("n=42", "b=true", "f=@file"), List.of()))
                .isEqualTo("{\"n\":\"42\",\"b\":\"true\",\"f\":\"@file\"}");
    }

    @Test
    void fieldsMergeIntoOneObjectWithArraysAndNesting() {
        assertThat(json(List.of("labels[]=bug", "labels[]=p1", "meta[owner]=me"), List.of("meta[size]=3", "draft=false")))
                .isEqualTo("{\"labels\":[\"bug\",\"p1\"],\"meta\":{\"owner\":\"me\",\"size\":3},\"draft\":false}");
    }

    @Test
    void fileAndStdinValuesAreReadAsText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("body.txt");
        Files.writeString(file, "line 1\nline 2\n");
        RequestFields fields = RequestFields.parse(List.of(), List.of("content=@" + file, "input=@-"),
                () -> new ByteArrayInputStream("from stdin".getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(fields.json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"content\":\"line 1\\nline 2\\n\",\"input\":\"from stdin\"}");
    }

    @Test
    void queryParametersKeepKeysAsWritten() {
        RequestFields fields = RequestFields.parse(List.of("q=a b", "tags[]=x"), List.of("n=1", "z=null"), NO_STDIN);
        assertThat(fields.queryParameters()).containsExactly(Map.entry("q", "a b"), Map.entry("tags[]", "x"),
                Map.entry("n", "1"), Map.entry("z", ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "noequals         | expected KEY=VALUE",
        "=value           | expected KEY=VALUE",
        "a[b=1            | invalid -f key",
        "[x]=1            | invalid -f key",
        "a[][b]=1         | arrays of objects",
    })
    void badFieldsAreUsageErrors(String field, String message) {
        assertThatThrownBy(() -> RequestFields.parse(List.of(field), List.of(), NO_STDIN))
                .isInstanceOf(UsageException.class).hasMessageContaining(message);
    }

    @Test
    void aNameCannotBeBothAValueAndAnObject() {
        assertThatThrownBy(() -> json(List.of("a=1", "a[b]=2"), List.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("conflicts");
        assertThatThrownBy(() -> json(List.of("a[b]=2", "a=1"), List.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("conflicts");
        assertThatThrownBy(() -> json(List.of("a[]=2", "a[b]=1"), List.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("conflicts");
    }

    @Test
    void aMissingFileIsAUsageErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> RequestFields.parse(List.of(), List.of("x=@" + missing), NO_STDIN))
                .isInstanceOf(UsageException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("NoSuchFileException");
    }
}
