package dev.apikey.provider.declarative;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.apikey.core.Durations;
import dev.apikey.core.KeyUsage;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A provider definition, bound from its JSON (see {@code docs/providers.md} for the format and
 * {@code docs/provider-definition.schema.json} for its structure). Built-in providers are written in it too.
 *
 * <p>The records mirror the JSON one to one: a member of the format is a component of the same name here and a
 * property in the schema, and nothing else. Templates are parsed when the definition is bound; what the schema
 * cannot say (which values a template may name where it is) is checked by {@link DefinitionChecks}. Absent
 * members are normalised (empty maps and lists, defaults), so the engine never tests for null but where a
 * member is optional by meaning (an operation, the auth).
 *
 * @param description one line about the provider
 * @param baseUrl     the API's base URL, or null when the user must give {@code --base-url}
 * @param auth        how management calls authenticate, or null when they do not
 * @param usage       how the keys are used (header and environment variables), or null for a bearer token
 * @param maxAge      the recommended rotation period, or null
 * @param inputs      secrets asked of the user when a call needs them, by name
 * @param challenge   a second-factor challenge the API may answer with, or null
 * @param errors      where the provider's error message is in an error response
 * @param headers     headers sent with every management call
 * @param operations  the calls
 * @param rateLimit   where a rate-limited answer says when to try again, besides {@code Retry-After}, or null
 * @param idIsSecret  whether a key's id is its secret (Algolia: the key is its own id), so the id is never
 *                    written to metadata, logs or JSON: apikey keeps a fingerprint in its place
 */
@JsonIgnoreProperties({"$schema", "variants"})
record Definition(String description, String baseUrl, Auth auth, Usage usage,
                  @JsonDeserialize(using = DurationText.class) Duration maxAge, Map<String, Input> inputs,
                  Challenge challenge, Errors errors, Map<String, Template> headers, Operations operations,
                  RateLimit rateLimit, Boolean idIsSecret) {

    Definition {
        inputs = inputs == null ? Map.of() : inputs;
        errors = errors == null ? Errors.NONE : errors;
        headers = headers == null ? Map.of() : headers;
        operations = operations == null ? Operations.NONE : operations;
        idIsSecret = idIsSecret != null && idIsSecret;
    }

    Operation create() {
        return operations.create();
    }

    Operation rotate() {
        return operations.rotate();
    }

    Operation revoke() {
        return operations.revoke();
    }

    Operation list() {
        return operations.list();
    }

    Operation verify() {
        return operations.verify();
    }

    Operation read() {
        return operations.read();
    }

    /** How keys are used, with the provider's parameters filled in; a bearer token when the definition does not say. */
    KeyUsage keyUsage(Map<String, String> providerParams) {
        return usage == null ? KeyUsage.BEARER : UsageTemplates.keyUsage(usage, providerParams);
    }

    /** JSON pointers to the provider's error message, tried in order. */
    List<String> errorMessages() {
        return errors.message();
    }

    /**
     * @param headers    header templates over {@code credential} (and {@code param.*})
     * @param credential the parts of a credential made of several values, or null for a single value
     */
    record Auth(Map<String, Template> headers, Credential credential) {
        Auth {
            headers = headers == null ? Map.of() : headers;
        }

        /** The parts' names ({@code ["apiKey", "applicationKey"]}); empty for a single value. */
        List<String> parts() {
            return credential == null ? List.of() : credential.parts();
        }

        String separator() {
            return credential == null ? ":" : credential.separator();
        }

        List<String> identifiers() {
            return credential == null ? List.of() : credential.identifiers();
        }
    }

    /**
     * A credential made of several values, stored joined by the separator.
     *
     * @param identifiers the parts that name the account rather than prove it (Twilio's account SID): the only ones a
     *                    key may keep ({@code create.params})
     */
    record Credential(List<String> parts, String separator, List<String> identifiers) {
        Credential {
            parts = parts == null ? List.of() : parts;
            separator = separator == null ? ":" : separator;
            identifiers = identifiers == null ? List.of() : identifiers;
        }
    }

    /**
     * How a key is used by {@code request} (the headers) and {@code exec} (the variables): templates over
     * {@code {secret}}, {@code {id}}, {@code {param.NAME}} (the provider's) and {@code {param.NAME|keySecret}} (the
     * secret of the key that parameter names).
     *
     * @param baseUrl where the keys are used, when it is not the management base URL (a template over {@code param.*})
     * @param headers further headers sent with the key
     */
    record Usage(String header, String value, Map<String, String> env, Map<String, String> headers, String baseUrl) {
        Usage {
            env = env == null ? Map.of() : env;
            headers = headers == null ? Map.of() : headers;
        }
    }

    /**
     * Where a rate-limited answer says when the limit resets, for APIs that do not send {@code Retry-After}.
     *
     * @param resetHeader the response header ({@code X-RateLimit-Reset})
     * @param resetFormat {@code seconds} (to wait, the default) or {@code epoch} (a Unix time)
     */
    record RateLimit(String resetHeader, String resetFormat) {
        boolean epoch() {
            return "epoch".equals(resetFormat);
        }
    }

    /** A secret the user supplies when a call needs it: from {@code env}, piped stdin, or a masked prompt. */
    record Input(String prompt, String env) {
    }

    /**
     * An answer meaning "ask the user for a second factor and send the request again" (npm's one-time password).
     *
     * @param status   the HTTP status of the challenge
     * @param header   the response header that carries it
     * @param contains a word the header must contain (case-insensitive)
     * @param headers  headers to add to the repeated request (templates, typically over an {@code input.*})
     */
    record Challenge(int status, String header, String contains, Map<String, Template> headers) {
        Challenge {
            headers = headers == null ? Map.of() : headers;
        }
    }

    /**
     * @param message JSON pointers to the provider's error message, tried in order
     * @param code    JSON pointers to the provider's error code, tried in order
     * @param rules   what particular errors mean, tried in order before the status decides
     */
    record Errors(@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> message,
                  @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> code,
                  List<ErrorRule> rules) {
        static final Errors NONE = new Errors(List.of(), List.of(), List.of());

        Errors {
            message = message == null ? List.of() : message;
            code = code == null ? List.of() : code;
            rules = rules == null ? List.of() : rules;
        }
    }

    /**
     * One error the provider gives a meaning of its own (SendGrid's 403 at its cap of 100 keys is not a refused
     * credential). Every condition given must hold.
     *
     * @param status    the HTTP status
     * @param operation the operation ({@code create}, {@code rotate}, {@code revoke}, {@code list}, {@code verify})
     * @param code      the provider's error code (at {@code errors.code})
     * @param matches   a regular expression the provider's message must contain a match of
     * @param exit      the exit code it means: 1 (rejected), 2 (usage), 3 (not found), 4 (credential refused), 6
     *                  (the provider failed)
     * @param message   what to say instead of the default ({@code cannot <do what>: <message> (HTTP …)})
     * @param hint      the hint to give
     */
    record ErrorRule(Integer status, String operation, String code, java.util.regex.Pattern matches, int exit,
                     String message, String hint) {
    }

    /**
     * The calls. {@code read} gets one key by id: apikey reads a key's own dates before rotating it when it does not
     * know its lifetime (an imported key), and its name when it looks for the successor of a lost rotation.
     */
    record Operations(Operation create, Operation rotate, Operation revoke, Operation list, Operation verify,
                      Operation read) {
        static final Operations NONE = new Operations(null, null, null, null, null, null);
    }

    enum Method {
        GET, POST, PUT, PATCH, DELETE;

        boolean hasBody() {
            return this == POST || this == PUT || this == PATCH;
        }
    }

    enum BodyType {
        @JsonProperty("json") JSON,
        @JsonProperty("form") FORM
    }

    /**
     * How to recognise the key a native rotation made when its answer was lost (the rotation gave the key a new
     * id): {@code name} — the live key with the old key's name, made since the rotation started.
     */
    enum Successor {
        @JsonProperty("name") NAME
    }

    /**
     * A value a call needs, with what to tell the user when it is missing (null for the usual message).
     *
     * @param value   the reference ({@code scopes}, {@code param.user})
     * @param message why the call cannot be made without it
     * @param hint    what to do instead
     */
    record Requirement(String value, String message, String hint) {
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        static Requirement of(com.fasterxml.jackson.databind.JsonNode node) {
            if (node.isObject()) {
                return new Requirement(node.path("value").asText(null), node.path("message").asText(null),
                        node.path("hint").asText(null));
            }
            return new Requirement(node.asText(), null, null);
        }
    }

    /** Where a create carries the recovery marker. */
    enum Marker {
        @JsonProperty("name") NAME,
        @JsonProperty("description") DESCRIPTION
    }

    /**
     * One HTTP call. Every operation is one; the schema says which members each may have ({@code marker} only
     * create, {@code response} create, rotate and verify, {@code items}/{@code item}/{@code pagination} only list).
     *
     * @param method     the HTTP method
     * @param path       path templates; the first whose values all exist is used
     * @param query      query parameter templates (a missing value leaves the parameter out)
     * @param headers    header templates
     * @param body       a JSON template, or null for no body
     * @param bodyType   how the body is sent
     * @param retry      false to never retry the call (for a non-idempotent PUT)
     * @param requires   references that must have a value, for a clear error before anything is sent
     * @param marker     where a create carries the recovery marker, or null
     * @param successor  rotate: how to find the key a lost rotation made, when rotating gives the key a new id
     * @param then       rotate: calls made after it, in order (Cloudflare's roll keeps the old expiry: an update follows)
     * @param keep       a call after a rotate: members of the key as the read call shows it, sent in the body
     *                   under the body's own (an update that must send the whole key)
     * @param onlyWith   a call after a rotate: made only when these values exist (no update of an expiry without one)
     * @param response   JSON pointers into the response
     * @param items      list: pointer to the array of keys in each page ({@code ""} when the page is the array)
     * @param item       list: pointers into one key
     * @param pagination list: how to get the next page
     * @param params     create: values the new key keeps as its parameters, as if given with {@code --param} (the
     *                   Twilio account it was made in, for its {@code exec} variable)
     * @param self       rotate and read: the same call made by the key itself, its usage header in place of the
     *                   management credential (GitLab's {@code …/self/rotate}); used when the provider has no
     *                   management credential, or when that credential is the key
     */
    record Operation(Method method,
                     @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Template> path,
                     Map<String, Template> query, Map<String, Template> headers, JsonTemplate body, BodyType bodyType,
                     Boolean retry, List<Requirement> requires, Marker marker, Successor successor, Response response,
                     String items, Item item, Pagination pagination, Map<String, String> warnWithout,
                     List<Operation> then, Keep keep, List<String> onlyWith, Operation self,
                     Map<String, Template> params) {
        Operation {
            warnWithout = warnWithout == null ? Map.of() : warnWithout;
            params = params == null ? Map.of() : params;
            then = then == null ? List.of() : then;
            onlyWith = onlyWith == null ? List.of() : onlyWith;
            path = path == null ? List.of() : path;
            query = query == null ? Map.of() : query;
            headers = headers == null ? Map.of() : headers;
            bodyType = bodyType == null ? BodyType.JSON : bodyType;
            retry = retry == null || retry;
            requires = requires == null ? List.of() : requires;
            response = response == null ? Response.NONE : response;
            pagination = pagination == null ? Pagination.NONE : pagination;
        }

        boolean form() {
            return bodyType == BodyType.FORM;
        }

        /** Where the response carries secrets, masked in the {@code -v} log. */
        List<String> secretPointers() {
            return response.secret() == null ? List.of() : List.of(response.secret());
        }

        /** Every value the operation's templates name. */
        Set<String> refs() {
            Set<String> refs = new LinkedHashSet<>();
            requires.forEach(r -> refs.add(r.value()));
            path.forEach(p -> refs.addAll(p.refs()));
            query.values().forEach(q -> refs.addAll(q.refs()));
            headers.values().forEach(h -> refs.addAll(h.refs()));
            if (body != null) {
                body.forEachTemplate("", (at, t) -> refs.addAll(t.refs()));
            }
            return refs;
        }
    }

    /**
     * JSON pointers into a response.
     *
     * @param id        the key's id (create, rotate; verify for APIs whose create does not return it)
     * @param name      read: the key's name
     * @param secret    the key's secret (create, rotate)
     * @param createdAt when the key was made
     * @param expiresAt when it expires
     * @param accept    verify: a value that must be true or non-empty for the key to count as accepted
     */
    record Response(String id, String name, String secret, String createdAt, String expiresAt, String accept) {
        static final Response NONE = new Response(null, null, null, null, null, null);

        boolean isEmpty() {
            return equals(NONE);
        }
    }

    /**
     * Members of the key as the read call answers, for a call that must send the whole key back.
     *
     * @param at      pointer to the key in the read call's answer
     * @param members the members to send
     */
    record Keep(String at, List<String> members) {
        Keep {
            members = members == null ? List.of() : members;
        }
    }

    /** Pointers into one listed key; only {@code id} is required. */
    record Item(String id, String name, String description, String createdAt, String expiresAt, String hint,
                String last4) {
    }

    enum PaginationStyle {
        @JsonProperty("none") NONE,
        @JsonProperty("page") PAGE,
        @JsonProperty("cursor") CURSOR,
        @JsonProperty("nextUrl") NEXT_URL,
        @JsonProperty("link") LINK,
        @JsonProperty("header") HEADER,
        @JsonProperty("range") RANGE
    }

    /**
     * @param style     how the next page is found
     * @param param     the query parameter that carries the page number or cursor
     * @param start     the first page number ({@code page}); 1 when absent
     * @param sizeParam the query parameter that carries the page size
     * @param size      the page size to ask for; a shorter page is the last one
     * @param cursor    pointer to the next cursor ({@code cursor})
     * @param more      pointer to "there is more" (a boolean, or any value that is empty on the last page)
     * @param next      pointer to the next page's URL ({@code nextUrl})
     * @param total     pointer to the total number of keys ({@code page})
     * @param header    the response header with the next page number, cursor or URL ({@code header}), or the next
     *                  range ({@code range}: Heroku's {@code Next-Range})
     * @param requestHeader the request header that asks for a range ({@code range}: {@code Range})
     * @param first     the first range asked for ({@code range}: {@code id ..; max=1000})
     */
    record Pagination(PaginationStyle style, String param, Long start, String sizeParam, Long size, String cursor,
                      String more, String next, String total, String header, String requestHeader, String first) {
        static final Pagination NONE = new Pagination(PaginationStyle.NONE, null, null, null, null, null, null, null,
                null, null, null, null);

        Pagination {
            style = style == null ? PaginationStyle.NONE : style;
            start = start == null ? 1L : start;
        }
    }

    /** A duration as the format writes it ({@code 90d}, {@code 2w}, {@code P90D}). */
    public static final class DurationText extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext c) throws IOException {
            String text = p.getValueAsString();
            try {
                return Durations.parse(text);
            } catch (RuntimeException e) {
                return (Duration) c.handleWeirdStringValue(Duration.class, text, "must be a duration such as 90d or P90D");
            }
        }
    }
}
