package dev.apikey.provider.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.provider.KeyUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A provider definition, checked and read (see {@code docs/providers.md} for the format). Built-in providers are
 * written in it too.
 *
 * @param description   one line about the provider
 * @param baseUrl       the API's base URL, or null when the user must give {@code --base-url}
 * @param auth          how management calls authenticate, or null when they do not
 * @param usage         how the keys are used (header and environment variables)
 * @param maxAge        the recommended rotation period, or null
 * @param inputs        secrets asked of the user at create time, by name
 * @param challenge     a second-factor challenge the API may answer with, or null
 * @param errorMessages JSON pointers to the provider's error message, tried in order
 * @param headers       headers sent with every management call (templates)
 */
record Definition(String description, String baseUrl, Auth auth, KeyUsage usage, Duration maxAge,
                  Map<String, Input> inputs, Challenge challenge, List<String> errorMessages,
                  Map<String, String> headers, Operation create, Operation rotate, Operation revoke,
                  Listing list, Operation verify) {

    /**
     * @param headers   header templates over {@code credential} (and {@code param.*})
     * @param parts     names of the parts of a credential made of several ({@code ["apiKey", "applicationKey"]}),
     *                  empty for a single value
     * @param separator what separates the parts in the stored credential
     */
    record Auth(Map<String, String> headers, List<String> parts, String separator) {
    }

    /** A secret the user supplies at create time: from {@code env}, piped stdin, or a masked prompt. */
    record Input(String name, String prompt, String env) {
    }

    /**
     * An answer meaning "ask the user for a second factor and send the request again" (npm's one-time password).
     *
     * @param status   the HTTP status of the challenge
     * @param header   the response header that carries it
     * @param contains a word the header must contain (case-insensitive)
     * @param headers  headers to add to the repeated request (templates, typically over an {@code input.*})
     */
    record Challenge(int status, String header, String contains, Map<String, String> headers) {
    }

    /**
     * One HTTP call.
     *
     * @param method   the HTTP method
     * @param paths    path templates; the first whose values all exist is used
     * @param query    query parameter templates (a missing value leaves the parameter out)
     * @param headers  header templates
     * @param body     a JSON template, or null for no body
     * @param form     whether the body is sent as {@code application/x-www-form-urlencoded}
     * @param retry    false to never retry the call (for a non-idempotent PUT)
     * @param requires references that must have a value, for a clear error before anything is sent
     * @param marker   where a create carries the recovery marker: {@code name} or {@code description}, or null
     * @param response JSON pointers into the response: {@code id}, {@code secret}, {@code createdAt},
     *                 {@code expiresAt} (create and rotate), {@code accept} (verify)
     */
    record Operation(String method, List<String> paths, Map<String, String> query, Map<String, String> headers,
                     JsonNode body, boolean form, boolean retry, List<String> requires, String marker,
                     Map<String, String> response) {
        String pointer(String field) {
            return response.get(field);
        }

        /** Every value the operation's templates name. */
        java.util.Set<String> refs() {
            java.util.Set<String> refs = new java.util.LinkedHashSet<>(requires);
            paths.forEach(p -> refs.addAll(Template.parse(p).refs()));
            query.values().forEach(q -> refs.addAll(Template.parse(q).refs()));
            headers.values().forEach(h -> refs.addAll(Template.parse(h).refs()));
            if (body != null) {
                addRefs(body, refs);
            }
            return refs;
        }

        private static void addRefs(JsonNode node, java.util.Set<String> refs) {
            if (node.isTextual()) {
                refs.addAll(Template.parse(node.textValue()).refs());
            } else {
                node.forEach(child -> addRefs(child, refs));
            }
        }
    }

    /**
     * The list call.
     *
     * @param items      pointer to the array of keys in each page ({@code ""} when the page is the array)
     * @param item       pointers into one key: {@code id}, {@code name}, {@code description}, {@code createdAt},
     *                   {@code expiresAt}, {@code hint}, {@code last4}
     * @param pagination how to get the next page
     */
    record Listing(Operation request, String items, Map<String, String> item, Pagination pagination) {
    }

    /**
     * @param style     {@code none}, {@code page}, {@code cursor}, {@code nextUrl}, {@code link} or {@code header}
     * @param param     the query parameter that carries the page number or cursor
     * @param start     the first page number ({@code page})
     * @param sizeParam the query parameter that carries the page size ({@code page}, {@code cursor})
     * @param size      the page size to ask for; a shorter page is the last one
     * @param cursor    pointer to the next cursor ({@code cursor})
     * @param more      pointer to "there is more" (a boolean, or any value that is empty on the last page)
     * @param next      pointer to the next page's URL ({@code nextUrl})
     * @param total     pointer to the total number of keys ({@code page})
     * @param header    the response header with the next page number, cursor or URL ({@code header})
     */
    record Pagination(String style, String param, long start, String sizeParam, Long size, String cursor, String more,
                      String next, String total, String header) {
        static final Pagination NONE = new Pagination("none", null, 0, null, null, null, null, null, null, null);
    }
}
