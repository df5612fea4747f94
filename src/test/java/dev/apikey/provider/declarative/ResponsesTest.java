package dev.apikey.provider.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.metadata.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading what providers answer: pages as streams, times in every provider's format, Link headers, masking. */
class ResponsesTest {

    @Test
    void aPageIsReadItemByItemKeepingOnlyTheWatchedValues() throws Exception {
        String page = """
                {"object": "list", "data": [{"id": "a", "big": {"x": [1, 2, 3]}}, {"id": "b"}],
                 "meta": {"next": "/p2", "ignored": {"deep": true}}, "has_more": true, "after": 9}""";
        List<String> ids = new ArrayList<>();
        PageReader.Page p = PageReader.read(stream(page), "/data", Set.of("/meta/next", "/has_more"), "/id",
                item -> ids.add(item.get("id").asText()));
        assertThat(ids).containsExactly("a", "b");
        assertThat(p.count()).isEqualTo(2);
        assertThat(p.firstId()).isEqualTo("a");
        assertThat(p.watched()).containsOnlyKeys("/meta/next", "/has_more");
        assertThat(p.watched().get("/meta/next").asText()).isEqualTo("/p2");
    }

    @Test
    void aPageThatIsAnArray() throws Exception {
        List<JsonNode> items = new ArrayList<>();
        PageReader.Page p = PageReader.read(stream("[{\"id\": 1}, {\"id\": 2}]"), "", Set.of(), "/id", items::add);
        assertThat(p.count()).isEqualTo(2);
        assertThat(p.firstId()).isEqualTo("1");
    }

    @Test
    void aPageWithoutItemsOrWithSomethingElseThere() throws Exception {
        assertThat(PageReader.read(stream("{\"data\": null}"), "/data", Set.of(), "/id", i -> { }).count()).isZero();
        assertThat(PageReader.read(stream("{\"other\": []}"), "/data", Set.of(), "/id", i -> { }).itemsFound()).isFalse();
        assertThatThrownBy(() -> PageReader.read(stream("{\"data\": {}}"), "/data", Set.of(), "/id", i -> { }))
                .isInstanceOf(PageReader.NotAnArrayException.class);
        assertThatThrownBy(() -> PageReader.read(stream("{\"data\": [{\"id\": 1}"), "/data", Set.of(), "/id", i -> { }))
                .isInstanceOf(com.fasterxml.jackson.core.JacksonException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '¦', textBlock = """
            1711471533                           ¦ 2024-03-26T16:45:33Z
            1711471533000                        ¦ 2024-03-26T16:45:33Z
            "2020-11-23T10:00:00.000000+00:00"   ¦ 2020-11-23T10:00:00Z
            "2021-01-20T14:13:35.123Z"           ¦ 2021-01-20T14:13:35.123Z
            "2018-01-01T13:46:32"                ¦ 2018-01-01T13:46:32Z
            "2021-01-31"                         ¦ 2021-01-31T00:00:00Z
            "Mon, 13 Jun 2016 22:50:08 +0000"    ¦ 2016-06-13T22:50:08Z
            """)
    void timesInEveryProvidersFormat(String json, String instant) throws Exception {
        assertThat(ProviderTimes.parse(Json.mapper().readTree(json))).isEqualTo(Instant.parse(instant));
    }

    @Test
    void oddTimesAreNull() throws Exception {
        assertThat(ProviderTimes.lenient(Json.mapper().readTree("\"next tuesday\""))).isNull();
        assertThat(ProviderTimes.parse(Json.mapper().readTree("null"))).isNull();
        assertThat(ProviderTimes.parse(Json.mapper().readTree("\"\""))).isNull();
    }

    @Test
    void linkHeaders() {
        assertThat(RemoteListing.nextLink(List.of("<https://a/x?page=2>; rel=\"next\", <https://a/x?page=9>; rel=\"last\"")))
                .isEqualTo("https://a/x?page=2");
        assertThat(RemoteListing.nextLink(List.of("<https://a/x?page=1>; rel=\"prev\"", "<https://a/y>; rel=\"first next\"")))
                .isEqualTo("https://a/y");
        assertThat(RemoteListing.nextLink(List.of("<https://a/x?page=1>; rel=\"prev\""))).isNull();
        assertThat(RemoteListing.nextLink(List.of())).isNull();
    }

    @Test
    void secretsAreMaskedInLoggedBodies() {
        var masking = SecretMasking.of(List.of("/result/value"), List.of("pa\"ss word"));
        assertThat(masking.redact("{\"result\":{\"id\":\"t1\",\"value\":\"cf-secret\"}}"))
                .isEqualTo("{\"result\":{\"id\":\"t1\",\"value\":\"***\"}}");
        assertThat(masking.redact("{\"password\":\"pa\\\"ss word\"}")).isEqualTo("{\"password\":\"***\"}");
        assertThat(masking.redact("user=ada&password=pa%22ss+word")).isEqualTo("user=ada&password=***");
        assertThat(masking.redact("{\"result\":{\"value\":\"cf-sec")).isEqualTo(SecretMasking.HIDDEN);
        assertThat(SecretMasking.of(List.of(""), List.of()).redact("\"whole\"")).isEqualTo(SecretMasking.HIDDEN);
        assertThat(SecretMasking.of(List.of(""), List.of()).redact("{\"a\":1}")).isEqualTo("***");
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
