package dev.apikey.provider.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apikey.core.UsageException;
import dev.apikey.metadata.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A definition's problems are each reported at their JSON pointer, all at once. */
class DefinitionReaderTest {
    private static final String VALID = """
            {
              "baseUrl": "https://keys.example.com",
              "auth": {"headers": {"Authorization": "Bearer {credential}"}},
              "operations": {
                "create": {"method": "POST", "path": "/keys", "body": {"name": "{name}"},
                           "response": {"id": "/id", "secret": "/secret"}},
                "revoke": {"method": "DELETE", "path": "/keys/{id}"},
                "list": {"method": "GET", "path": "/keys", "items": "/keys", "item": {"id": "/id"}}
              }
            }""";

    @Test
    void aValidDefinitionHasNoProblems() throws Exception {
        assertThat(DefinitionReader.check(Json.mapper().readTree(VALID))).isEmpty();
    }

    /** One change to the valid definition (a JSON pointer, and the new value as JSON) and the problem it causes. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '¦', textBlock = """
            /operations/create/method ¦ "FETCH" ¦ /operations/create/method ¦ must be one of GET, POST
            /operations/create/path ¦ "keys" ¦ /operations/create/path ¦ must start with '/'
            /operations/create/path ¦ "/keys?x=1" ¦ /operations/create/path ¦ put query parameters in "query"
            /operations/create/path ¦ "/keys/{id}" ¦ /operations/create/path ¦ unknown value {id} here
            /operations/create/body ¦ {"name": "{nmae}"} ¦ /operations/create/body/name ¦ unknown value {nmae}
            /operations/create/body ¦ {"name": "{name|upper}"} ¦ /operations/create/body/name ¦ unknown filter 'upper'
            /operations/create/body ¦ {"name": "{name"} ¦ /operations/create/body/name ¦ unclosed '{'
            /operations/create/body ¦ {"p": "{input.password}"} ¦ /operations/create/body/p ¦ no such input
            /operations/create/body ¦ {"p": "{credential.user}"} ¦ /operations/create/body/p ¦ the credential has no part 'user'
            /operations/create/response ¦ {"id": "/id"} ¦ /operations/create/response ¦ missing "secret"
            /operations/create/response ¦ {"secret": "value"} ¦ /operations/create/response/secret ¦ must be a JSON pointer
            /operations/create/marker ¦ "title" ¦ /operations/create/marker ¦ must be one of name, description
            /operations/create/bodyType ¦ "xml" ¦ /operations/create/bodyType ¦ must be one of json, form
            /operations/create/retry ¦ "no" ¦ /operations/create/retry ¦ must be a boolean
            /operations/create/requires ¦ ["scopes", "nope"] ¦ /operations/create/requires/1 ¦ unknown value {nope}
            /operations/revoke/response ¦ {"id": "/id"} ¦ /operations/revoke/response ¦ unknown member
            /operations/list/items ¦ 7 ¦ /operations/list/items ¦ must be a string
            /operations/list/item ¦ {"name": "/name"} ¦ /operations/list/item ¦ missing "id"
            /operations/list/pagination ¦ {"style": "pages"} ¦ /operations/list/pagination/style ¦ must be one of none, page, cursor
            /operations/list/pagination ¦ {"style": "cursor", "param": "after"} ¦ /operations/list/pagination ¦ missing "cursor"
            /operations/list/pagination ¦ {"style": "page", "param": "p", "size": 10} ¦ /operations/list/pagination ¦ missing property 'sizeParam'
            /operations/list/pagination ¦ {"style": "none", "next": "/n"} ¦ /operations/list/pagination/next ¦ unknown member
            /operations/verify ¦ {"method": "GET", "path": "/me", "body": {"c": "{credential}"}} ¦ /operations/verify/body/c ¦ {credential} cannot be used here
            /operations/delete ¦ {"method": "DELETE", "path": "/x"} ¦ /operations/delete ¦ unknown member
            /operations/create ¦ {"method": "POST", "path": "/keys", "response": {"secret": "/s"}, "params": {"account": "{credential}"}} ¦ /operations/create/params/account ¦ {credential} is secret and cannot be kept with a key
            /auth ¦ {"headers": {"A": "{credential}"}, "credential": {"parts": ["user", "token"], "identifiers": ["account"]}} ¦ /auth/credential/identifiers ¦ 'account' is not one of the credential's parts
            /auth ¦ {"headers": {"A": "{credential}"}, "credential": {"parts": ["user", "token"], "identifiers": ["user"]}, "x": 1} ¦ /auth/x ¦ unknown member
            /operations/rotate ¦ {"method": "POST", "path": "/keys/{id}/roll", "response": {"secret": "/s"}, "self": {"method": "POST", "path": "/keys/self/roll", "response": {"secret": "/s"}}} ¦ /operations/rotate/self ¦ needs a verify operation
            /operations/rotate ¦ {"method": "POST", "path": "/keys/{id}/roll", "response": {"secret": "/s"}, "self": {"method": "POST", "path": "/keys/self/roll", "headers": {"A": "{credential}"}, "response": {"secret": "/s"}}} ¦ /operations/rotate/self/headers/A ¦ {credential} cannot be used here
            /operations/rotate ¦ {"method": "POST", "path": "/keys/{id}/roll", "response": {"secret": "/s"}, "self": {"method": "POST", "path": "/keys/self/roll"}} ¦ /operations/rotate/self ¦ missing "response"
            /operations/read ¦ {"method": "GET", "path": "/keys/{id}", "response": {"name": "/n"}, "self": {"method": "GET", "path": "/keys/self", "response": {"name": "/n"}, "self": {}}} ¦ /operations/read/self/self ¦ unknown member
            /operations/create ¦ {"method": "POST", "path": "/keys", "response": {"secret": "/s"}, "self": {"method": "POST", "path": "/keys"}} ¦ /operations/create/self ¦ unknown member
            /baseUrl ¦ "http://keys.example.com" ¦ /baseUrl ¦ plain http only to a loopback host
            /baseUrl ¦ "keys.example.com" ¦ /baseUrl ¦ must be a full URL
            /usage ¦ {"header": "X-Key", "value": "{secret}", "env": {"my-var": "{secret}"}} ¦ /usage/env/my-var ¦ environment variable name
            /usage ¦ {"header": "X-Key", "value": "{credential}"} ¦ /usage/value ¦ may only use {secret}, {id}, {param.NAME} and {param.NAME|keySecret}
            /usage ¦ {"header": "X-Key", "value": "{secret}", "headers": {"X-Other": "{param.k|json}"}} ¦ /usage/headers/X-Other ¦ may only use {secret}
            /usage ¦ {"header": "X-Key", "value": "{secret}", "baseUrl": "https://{secret}.example.com"} ¦ /usage/baseUrl ¦ may only use {param.NAME}
            /usage ¦ {"header": "X-Key", "value": "{secret}", "baseUrl": "ftp://{param.h}.example.com"} ¦ /usage/baseUrl ¦ must be a full URL
            /baseUrl ¦ "https://{credential}.example.com" ¦ /baseUrl ¦ may only use {param.NAME}
            /errors ¦ {"message": "/m", "rules": [{"status": 403, "code": "x", "exit": 1}]} ¦ /errors/rules/0/code ¦ needs /errors/code
            /errors ¦ {"message": "/m", "rules": [{"exit": 1}]} ¦ /errors/rules/0 ¦ needs at least one of status, code and matches
            /errors ¦ {"message": "/m", "rules": [{"status": 403, "exit": 5}]} ¦ /errors/rules/0/exit ¦ must be one of
            /operations/create/warnWithout ¦ {"scopez": "no scopes"} ¦ /operations/create/warnWithout/scopez ¦ unknown value {scopez}
            /maxAge ¦ "soon" ¦ /maxAge ¦ must be a duration
            /auth/headers ¦ {} ¦ /auth/headers ¦ at least 1 properties
            /auth/credential ¦ {"parts": ["only"]} ¦ /auth/credential/parts ¦ at least 2 items
            /challenge ¦ {"status": 200, "header": "X", "contains": "otp", "headers": {}} ¦ /challenge/status ¦ minimum value of 400
            /inputs ¦ {"password": {"prompt": "p"}} ¦ /inputs/password ¦ missing "env"
            /errors ¦ {"message": "error"} ¦ /errors/message ¦ must be a JSON pointer
            /extra ¦ true ¦ /extra ¦ unknown member
            """)
    void reportsTheProblemAtItsPath(String at, String value, String path, String message) throws Exception {
        JsonNode def = Json.mapper().readTree(VALID);
        set(def, at, Json.mapper().readTree(value));
        List<DefinitionReader.Problem> problems = DefinitionReader.check(def);
        assertThat(problems).as(problems.toString()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).contains(message);
        });
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        JsonNode def = Json.mapper().readTree(VALID);
        set(def, "/operations/create/method", Json.mapper().readTree("\"FETCH\""));
        set(def, "/operations/list/items", Json.mapper().readTree("3"));
        set(def, "/baseUrl", Json.mapper().readTree("\"ftp://x\""));
        ((ObjectNode) def.get("operations")).remove("revoke");
        assertThatThrownBy(() -> DefinitionReader.requireValid(def, "acme.json"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("acme.json is not a valid provider definition (4 problems)")
                .hasMessageContaining("/operations/create/method: must be one of")
                .hasMessageContaining("/operations/list/items: must be a string")
                .hasMessageContaining("/baseUrl: must be a full URL")
                .hasMessageContaining("/operations: missing \"revoke\"");
    }

    @Test
    void variantsAreCheckedMergedAndChosenByAParameter() throws Exception {
        JsonNode def = Json.mapper().readTree("""
                {
                  "auth": {"headers": {"X-Admin": "{credential}"}},
                  "operations": {"revoke": {"method": "DELETE", "path": "/keys/{id}"}},
                  "variants": {"param": "kind", "default": "a", "values": {
                    "a": {"operations": {"create": {"method": "POST", "path": "/a", "response": {"secret": "/s"}}}},
                    "b": {"operations": {"create": {"method": "POST", "path": "/b/{id}", "response": {"secret": "/s"}}}}
                  }}
                }""");
        assertThat(DefinitionReader.check(def)).extracting(DefinitionReader.Problem::toString)
                .containsExactly("/operations/create/path: unknown value {id} here; known: name, description, marker, "
                        + "scopes, expiresAt, param.NAME, credential (with --param kind=b)");
        ((ObjectNode) def.at("/variants/values/b/operations/create")).put("path", "/b");
        assertThat(DefinitionReader.read(def, Map.of(), "t").create().path()).extracting(Template::source).containsExactly("/a");
        assertThat(DefinitionReader.read(def, Map.of("kind", "b"), "t").create().path()).extracting(Template::source).containsExactly("/b");
        assertThatThrownBy(() -> DefinitionReader.read(def, Map.of("kind", "c"), "type t"))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown kind 'c' for type t");
    }

    @Test
    void readingWithoutTheSchemaStillReportsWhereADefinitionCannotBeBound() throws Exception {
        JsonNode def = Json.mapper().readTree(VALID);
        set(def, "/operations/create/method", Json.mapper().readTree("\"FETCH\""));
        assertThatThrownBy(() -> DefinitionReader.read(def, Map.of(), "provider acme"))
                .isInstanceOf(DefinitionReader.InvalidDefinitionException.class)
                .satisfies(e -> assertThat(((DefinitionReader.InvalidDefinitionException) e).problems())
                        .extracting(DefinitionReader.Problem::path).containsExactly("/operations/create/method"));
    }

    @Test
    void templatesAreParsedOnceWhenTheDefinitionIsRead() throws Exception {
        Definition d = DefinitionReader.read(Json.mapper().readTree(VALID), Map.of(), "t");
        assertThat(d.create().body()).isInstanceOfSatisfying(JsonTemplate.Members.class, m ->
                assertThat(((JsonTemplate.Text) m.members().get("name")).template().refs()).containsExactly("name"));
        assertThat(d.auth().headers().get("Authorization").refs()).containsExactly("credential");
        assertThat(d.create().method()).isEqualTo(Definition.Method.POST);
        assertThat(d.list().pagination().style()).isEqualTo(Definition.PaginationStyle.NONE);
    }

    @Test
    void notAnObject() throws Exception {
        assertThat(DefinitionReader.check(Json.mapper().readTree("[]"))).extracting(DefinitionReader.Problem::toString)
                .containsExactly("(top level): a provider definition must be a JSON object");
    }

    private static void set(JsonNode root, String pointer, JsonNode value) {
        com.fasterxml.jackson.core.JsonPointer p = com.fasterxml.jackson.core.JsonPointer.compile(pointer);
        ((ObjectNode) root.at(p.head())).set(p.last().getMatchingProperty(), value);
    }
}
