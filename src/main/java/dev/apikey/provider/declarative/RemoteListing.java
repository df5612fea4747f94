package dev.apikey.provider.declarative;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.core.Notices;
import dev.apikey.core.Origin;
import dev.apikey.core.PolicyException;
import dev.apikey.core.ProviderUnavailableException;
import dev.apikey.core.UsageException;
import dev.apikey.http.HttpErrors;
import dev.apikey.core.RemoteKey;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A provider's list of keys, page after page to the last, streamed: each key is handed on as it is read. Every
 * pagination style a definition can name is followed: page numbers, cursors, next-page URLs in the body, RFC 8288
 * {@code Link} headers and custom headers. A next page at another origin is refused (the management credential
 * is never sent there), and a pagination that does not advance is reported instead of looping forever.
 */
final class RemoteListing {
    private static final Pattern LINK_NEXT = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
    private static final String PURPOSE = "list keys";

    private final Calls calls;
    private final Definition.Operation listing;
    private final Notices notices;

    RemoteListing(Calls calls, Definition.Operation listing, Notices notices) {
        this.calls = calls;
        this.listing = listing;
        this.notices = notices;
    }

    void run(Scope scope, Consumer<RemoteKey> each) {
        Definition.Pagination pg = listing.pagination();
        HttpUrl base = calls.url(listing, scope);
        HttpUrl url = base;
        if (pg.size() != null) {
            url = url.newBuilder().setQueryParameter(pg.sizeParam(), String.valueOf(pg.size())).build();
        }
        long page = pg.start();
        if (pg.style() == Definition.PaginationStyle.PAGE) {
            url = url.newBuilder().setQueryParameter(pg.param(), String.valueOf(page)).build();
        }
        long seen = 0;
        String previousFirstId = null;
        Set<String> cursors = new LinkedHashSet<>();
        // Range pagination (Heroku) asks for the same URL with a request header naming the next range.
        String range = pg.style() == Definition.PaginationStyle.RANGE ? pg.first() : null;
        while (true) {
            Response response = calls.sendPage(PURPOSE, listing, scope, url,
                    range == null ? java.util.Map.of() : java.util.Map.of(pg.requestHeader(), range));
            PageReader.Page result = read(response, each);
            seen += result.count();
            if (result.count() > 0 && result.firstId() != null && result.firstId().equals(previousFirstId)) {
                throw new ProviderUnavailableException(calls.provider() + ": cannot " + PURPOSE
                        + ": the provider returned the same page twice", "its pagination may be broken; try again later");
            }
            previousFirstId = result.firstId();
            String nextHeader = response.header(pg.header() == null ? "Link" : pg.header());
            HttpUrl next = switch (pg.style()) {
                case PAGE -> {
                    if (result.count() == 0 || pg.size() != null && result.count() < pg.size()
                            || reachedTotal(result, pg, seen) || noMore(result, pg)) {
                        yield null;
                    }
                    page++;
                    yield url.newBuilder().setQueryParameter(pg.param(), String.valueOf(page)).build();
                }
                case CURSOR -> {
                    String cursor = text(result.watched().get(pg.cursor()));
                    if (result.count() == 0 || noMore(result, pg) || cursor == null) {
                        yield null;
                    }
                    if (!cursors.add(cursor)) {
                        throw new ProviderUnavailableException(calls.provider() + ": cannot " + PURPOSE
                                + ": the provider returned the same cursor twice", "its pagination may be broken");
                    }
                    yield url.newBuilder().setQueryParameter(pg.param(), cursor).build();
                }
                case NEXT_URL -> follow(url, text(result.watched().get(pg.next())));
                case LINK -> follow(url, nextLink(response.headers("Link")));
                case HEADER -> fromHeader(url, nextHeader, pg);
                case RANGE -> {
                    if (result.count() == 0 || nextHeader == null || nextHeader.isBlank()) {
                        yield null;
                    }
                    if (!cursors.add(nextHeader)) {
                        throw new ProviderUnavailableException(calls.provider() + ": cannot " + PURPOSE
                                + ": the provider returned the same range twice", "its pagination may be broken");
                    }
                    range = nextHeader;
                    yield url;
                }
                case NONE -> null;
            };
            if (next == null) {
                return;
            }
            if (pg.style() == Definition.PaginationStyle.RANGE) {
                continue;
            }
            if (next.equals(url)) {
                throw new ProviderUnavailableException(calls.provider() + ": cannot " + PURPOSE
                        + ": the next page is the page just read", "its pagination may be broken");
            }
            url = next;
        }
    }

    private PageReader.Page read(Response response, Consumer<RemoteKey> each) {
        try (response) {
            ResponseBody body = response.body();
            String idPointer = listing.item().id();
            PageReader.Page page = PageReader.read(body.byteStream(), listing.items(),
                    Set.copyOf(watchedOf(listing.pagination())), idPointer, item -> {
                        RemoteKey key = remoteKey(item);
                        if (key == null) {
                            notices.verbose(calls.provider() + ": skipped a listed key without an id");
                        } else {
                            each.accept(key);
                        }
                    });
            if (!page.itemsFound()) {
                notices.verbose(calls.provider() + ": a page had no keys at " + (listing.items().isEmpty() ? "its top level"
                        : listing.items()));
            }
            return page;
        } catch (PageReader.NotAnArrayException e) {
            throw new ProviderUnavailableException(calls.provider() + ": cannot " + PURPOSE + ": the response has no list of keys at "
                    + (listing.items().isEmpty() ? "its top level" : listing.items()),
                    "the provider may have changed its API, or the base URL points at something else");
        } catch (JacksonException e) {
            throw calls.malformed(PURPOSE);
        } catch (IOException e) {
            throw HttpErrors.noResponse(calls.provider() + ": cannot " + PURPOSE, response.request().url().host(), e);
        }
    }

    private static Set<String> watchedOf(Definition.Pagination pg) {
        Set<String> w = new LinkedHashSet<>();
        for (String p : new String[] {pg.cursor(), pg.more(), pg.next(), pg.total()}) {
            if (p != null) {
                w.add(p);
            }
        }
        return w;
    }

    private RemoteKey remoteKey(JsonNode item) {
        Definition.Item at = listing.item();
        String id = text(item.at(at.id()));
        if (id == null) {
            return null;
        }
        String hint = text(node(item, at.hint()));
        if (hint == null && at.last4() != null) {
            String last = text(node(item, at.last4()));
            hint = last == null ? null : "…" + last;
        }
        return new RemoteKey(id, text(node(item, at.name())), text(node(item, at.description())),
                ProviderTimes.lenient(node(item, at.createdAt())), ProviderTimes.lenient(node(item, at.expiresAt())), hint);
    }

    private static JsonNode node(JsonNode item, String pointer) {
        return pointer == null ? null : item.at(pointer);
    }

    private static boolean reachedTotal(PageReader.Page page, Definition.Pagination pg, long seen) {
        if (pg.total() == null) {
            return false;
        }
        JsonNode total = page.watched().get(pg.total());
        return total != null && total.canConvertToLong() && seen >= total.asLong();
    }

    /** Whether the page says it is the last: its "more" value is false, null, empty or absent. */
    private static boolean noMore(PageReader.Page page, Definition.Pagination pg) {
        if (pg.more() == null) {
            return false;
        }
        JsonNode more = page.watched().get(pg.more());
        if (more == null || more.isNull() || more.isMissingNode()) {
            return true;
        }
        if (more.isBoolean()) {
            return !more.asBoolean();
        }
        return more.isValueNode() ? more.asText().isEmpty() : more.isEmpty();
    }

    private HttpUrl fromHeader(HttpUrl current, String value, Definition.Pagination pg) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.contains("://") || v.startsWith("/")) {
            return follow(current, v);
        }
        if (pg.param() == null) {
            throw new UsageException(calls.provider() + ": the " + pg.header() + " header does not hold a URL, and the"
                    + " definition names no \"param\" to send its value in", "add \"param\" to the pagination");
        }
        return current.newBuilder().setQueryParameter(pg.param(), v).build();
    }

    /** The next page's URL, resolved against the current one, if it is at the provider's own origin. */
    private HttpUrl follow(HttpUrl current, String next) {
        if (next == null || next.isBlank()) {
            return null;
        }
        HttpUrl url = current.resolve(next.trim());
        if (url == null) {
            throw new ProviderUnavailableException(calls.provider() + ": cannot " + PURPOSE + ": the next-page URL is not a URL");
        }
        HttpUrl base = calls.baseUrl();
        if (!Origin.of(url.scheme(), url.host(), url.port()).sameOrigin(Origin.of(base.scheme(), base.host(), base.port()))) {
            throw new PolicyException(calls.provider() + ": the next page is at another origin (" + url.scheme() + "://"
                    + url.host() + ":" + url.port() + "); apikey does not send the management credential there",
                    "check the provider's base URL ('apikey provider show " + calls.provider() + "')");
        }
        return url;
    }

    /** The {@code rel="next"} target of RFC 8288 {@code Link} headers, or null. */
    static String nextLink(java.util.List<String> headers) {
        for (String header : headers) {
            Matcher m = LINK_NEXT.matcher(header);
            while (m.find()) {
                for (String param : m.group(2).split(";")) {
                    String p = param.trim();
                    int eq = p.indexOf('=');
                    if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("rel")) {
                        String rel = p.substring(eq + 1).trim().replace("\"", "");
                        for (String r : rel.split("\\s+")) {
                            if (r.equalsIgnoreCase("next")) {
                                return m.group(1);
                            }
                        }
                    }
                }
            }
        }
        return null;
    }

    static String text(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull() || !n.isValueNode()) {
            return null;
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }
}
