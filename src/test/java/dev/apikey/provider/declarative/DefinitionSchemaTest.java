package dev.apikey.provider.declarative;

import dev.apikey.BuiltIns;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apikey.metadata.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schema in docs/ is the one apikey checks definitions against: it accepts every built-in and every worked
 * example, and rejects broken structure on its own, before any hand-written check.
 */
class DefinitionSchemaTest {

    @Test
    void theSchemaApikeyChecksAgainstIsTheOnePublishedInDocs() throws Exception {
        try (InputStream in = DefinitionSchema.class.getResourceAsStream(DefinitionSchema.RESOURCE)) {
            assertThat(in).isNotNull();
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(Path.of("docs/provider-definition.schema.json")));
        }
    }

    static Stream<String> definitions() throws Exception {
        Stream<String> builtIns = Stream.of("cloudflare", "gitlab", "openai", "datadog", "sendgrid", "twilio", "npm", "linode", "anthropic", "heroku")
                .map(n -> "builtin:" + n);
        try (Stream<Path> files = Files.list(Path.of("docs/examples"))) {
            return Stream.concat(builtIns, files.filter(f -> f.toString().endsWith(".json")).map(Path::toString).toList().stream());
        }
    }

    private static JsonNode definition(String which) throws Exception {
        if (which.startsWith("builtin:")) {
            return ((DeclaredProviderType) BuiltIns.providerTypes().find(which.substring(8)).orElseThrow()).definition();
        }
        return Json.mapper().readTree(Path.of(which).toFile());
    }

    static Stream<String> definitionsWithoutVariants() throws Exception {
        List<String> all = definitions().toList();
        List<String> plain = new java.util.ArrayList<>();
        for (String which : all) {
            if (!definition(which).has("variants")) {
                plain.add(which); // the operations of a definition with variants are spread over them
            }
        }
        return plain.stream();
    }

    @ParameterizedTest
    @MethodSource("definitions")
    void acceptsEveryBuiltInAndExample(String which) throws Exception {
        JsonNode def = definition(which);
        assertThat(DefinitionSchema.problems(def)).as(which).isEmpty();
        assertThat(DefinitionReader.check(def)).as(which).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '¦', textBlock = """
            /operations/create/method     ¦ "FETCH"
            /operations/create/path       ¦ "keys"
            /operations/create/path       ¦ "/keys?x=1"
            /operations/create/response   ¦ {"id": "/key/uid"}
            /operations/create/response   ¦ {"secret": "plaintext"}
            /operations/create/marker     ¦ "title"
            /operations/create/bodyType   ¦ "xml"
            /operations/create/retry      ¦ "no"
            /operations/revoke/response   ¦ {"id": "/id"}
            /operations/list/item         ¦ {"name": "/label"}
            /operations/list/pagination   ¦ {"style": "pages"}
            /operations/list/pagination   ¦ {"style": "cursor", "param": "after"}
            /operations/list/pagination   ¦ {"style": "page", "param": "p", "size": 10}
            /operations/list/pagination   ¦ {"style": "none", "next": "/n"}
            /operations/delete            ¦ {"method": "DELETE", "path": "/x"}
            /baseUrl                      ¦ "http://vault.acme.internal"
            /usage                        ¦ {"header": "X-Key", "value": "{secret}", "env": {"my-var": "{secret}"}}
            /maxAge                       ¦ "soon"
            /auth/credential              ¦ {"parts": ["only"]}
            /challenge                    ¦ {"status": 200, "header": "X", "contains": "otp", "headers": {}}
            /inputs                       ¦ {"password": {"prompt": "p"}}
            /errors                       ¦ {"message": "error"}
            /extra                        ¦ true
            """)
    void theSchemaAloneRejectsBrokenStructure(String at, String value) throws Exception {
        JsonNode def = Json.mapper().readTree(Path.of("docs/examples/acme-vault.json").toFile());
        JsonPointer p = JsonPointer.compile(at);
        ((ObjectNode) def.at(p.head())).set(p.last().getMatchingProperty(), Json.mapper().readTree(value));
        assertThat(DefinitionSchema.problems(def)).as("the schema").isNotEmpty()
                .allSatisfy(problem -> assertThat(problem.path()).startsWith(at.equals("/extra") ? "/extra" : p.head().toString()));
        assertThat(DefinitionReader.check(def)).as("apikey").isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("definitionsWithoutVariants")
    void removingARequiredOperationIsRejected(String which) throws Exception {
        JsonNode def = definition(which).deepCopy();
        ((ObjectNode) def.get("operations")).remove(List.of("revoke"));
        assertThat(DefinitionReader.check(def)).containsExactly(new DefinitionReader.Problem("/operations", "missing \"revoke\""));
    }
}
