package dev.apikey.provider.aws;

import dev.apikey.core.ActionNeededException;
import dev.apikey.core.ApikeyException;
import dev.apikey.core.CancelledException;
import dev.apikey.core.CredentialRejectedException;
import dev.apikey.core.NotFoundException;
import dev.apikey.core.ProviderUnavailableException;
import dev.apikey.http.HttpErrors;
import dev.apikey.http.OperationBudget;
import dev.apikey.http.Retries;
import dev.apikey.http.VerboseLog;
import dev.apikey.provider.ProviderContext;
import dev.apikey.provider.ProviderMessages;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The AWS Query API as IAM and STS speak it: a form body with {@code Action} and {@code Version},
 * signed with SigV4, answered in XML. Errors become the exit codes users script against, with AWS's
 * own code and message: a refused credential 4, {@code NoSuchEntity} 3, {@code LimitExceeded} 8,
 * throttling and server failures 6 once retries are spent.
 */
final class AwsApi {
    static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static final MediaType FORM_TYPE = MediaType.get(FORM);
    private static final int MAX_BODY = 1024 * 1024;
    private static final int MAX_ATTEMPTS = 5;
    /** IAM is eventually consistent: a new key may be refused for a few seconds after it was made. */
    static final Duration NEW_KEY_PATIENCE = Duration.ofSeconds(15);
    private static final Pattern SECRET_ELEMENT = Pattern.compile("(<SecretAccessKey>)[^<]*(</SecretAccessKey>)");
    /**
     * What could be a secret access key (40 characters of base64, IAM API reference, AccessKey) in an error message:
     * the secret of a key a failed create made was never read, so the redactor cannot know it. AWS's own messages
     * carry ids, ARNs and request ids, all shorter or broken by other characters.
     */
    private static final Pattern SECRET_SHAPED = Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40,}={0,2}(?![A-Za-z0-9/+=])");
    /** AWS's codes for a credential it does not accept (CommonErrors, and IAM/STS API references). */
    private static final Set<String> REFUSED = Set.of("InvalidClientTokenId", "SignatureDoesNotMatch", "AccessDenied",
            "AccessDeniedException", "IncompleteSignature", "UnrecognizedClientException", "ExpiredToken",
            "InvalidAccessKeyId", "NotAuthorized", "MissingAuthenticationToken", "RequestExpired");
    private static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded",
            "TooManyRequestsException");

    /** IAM or STS, with the version of its Query API. */
    enum Service {
        IAM("iam", "2010-05-08"), STS("sts", "2011-06-15");

        final String signingName;
        final String version;

        Service(String signingName, String version) {
            this.signingName = signingName;
            this.version = version;
        }
    }

    /** Where a service is reached and the region its signatures are scoped to. */
    record Endpoint(HttpUrl url, String region) {
    }

    /**
     * One call.
     *
     * @param idempotent whether it may be repeated after a server error or a lost response
     * @param newKey     whether the signing key was just made, so that a refusal is retried for a while
     */
    record Call(Service service, String action, Map<String, String> params, SigV4.AccessKey signer,
                boolean idempotent, boolean newKey, String purpose) {
    }

    private final String provider;
    private final Endpoint iam;
    private final Endpoint sts;
    private final ProviderContext context;

    AwsApi(String provider, Endpoint iam, Endpoint sts, ProviderContext context) {
        this.provider = provider;
        this.iam = iam;
        this.sts = sts;
        this.context = context;
    }

    /** Sends the call, retrying what may be retried, and returns the response's result element. */
    Xml send(Call call) {
        // Its own loop, as every attempt is signed anew; bounded by the same operation budget as every other call.
        OperationBudget budget = new OperationBudget(context.http().settings().operationTimeout());
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            Reply reply = once(call, budget);
            if (reply.xml != null && reply.status < 300) {
                String wrapper = call.action() + "Result";
                return reply.xml.child(wrapper).orElse(reply.xml);
            }
            // A throttled call was refused, not carried out (AWS's error retries guide): repeating it, a create
            // too, cannot make a second key; a create that got a server error or no answer is never repeated.
            boolean throttled = reply.code != null && THROTTLED.contains(reply.code);
            boolean serverFailed = reply.status >= 500 || reply.lost != null;
            boolean notYetKnown = call.newKey() && "InvalidClientTokenId".equals(reply.code);
            Duration pause = backoff(attempt);
            boolean retry = notYetKnown ? waited.plus(pause).compareTo(NEW_KEY_PATIENCE) <= 0
                    : attempt < MAX_ATTEMPTS && (throttled || serverFailed && call.idempotent());
            if (!retry || !budget.fits(pause)) {
                throw failure(call, reply);
            }
            sleep(pause);
            budget.waited(pause);
            waited = waited.plus(pause);
        }
    }

    private static Duration backoff(int attempt) {
        return Duration.ofMillis(Math.min(500L << Math.min(attempt - 1, 10), 4000));
    }

    private void sleep(Duration d) {
        try {
            context.http().sleeper().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted");
        }
    }

    /** What one attempt got: a parsed body, AWS's error code and message, or no response at all. */
    private record Reply(int status, Xml xml, String code, String message, ProviderUnavailableException lost) {
    }

    private Reply once(Call call, OperationBudget budget) {
        Endpoint endpoint = call.service() == Service.IAM ? iam : sts;
        StringBuilder form = new StringBuilder("Action=").append(encode(call.action()))
                .append("&Version=").append(encode(call.service().version));
        call.params().forEach((k, v) -> {
            if (v != null) {
                form.append('&').append(encode(k)).append('=').append(encode(v));
            }
        });
        byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
        List<Map.Entry<String, String>> signed = SigV4.sign("POST", endpoint.url().uri(),
                List.of(Map.entry("Content-Type", FORM)), body, call.signer(), call.service().signingName,
                endpoint.region(), context.clock());
        Request.Builder b = new Request.Builder().url(endpoint.url()).post(RequestBody.create(body, FORM_TYPE))
                .header("Content-Type", FORM)
                .tag(Retries.NoRetry.class, Retries.NoRetry.INSTANCE)
                .tag(VerboseLog.BodyRedactor.class, text -> SECRET_ELEMENT.matcher(text).replaceAll("$1***$2"));
        signed.forEach(h -> b.header(h.getKey(), h.getValue()));
        Response response;
        try {
            Request request = b.build();
            response = budget.nextCall(context.http().client(request.url()), request).execute();
        } catch (IOException e) {
            return new Reply(0, null, null, null,
                    HttpErrors.noResponse(provider + ": cannot " + call.purpose(), endpoint.url().host(), e));
        }
        try (response) {
            byte[] bytes = bounded(response.body());
            Xml xml;
            try {
                xml = bytes.length == 0 ? null : Xml.parse(bytes);
            } catch (XMLStreamException e) {
                xml = null;
            }
            if (response.code() < 300) {
                if (xml == null || !xml.name().equals(call.action() + "Response")) {
                    throw new ProviderUnavailableException(provider + ": cannot " + call.purpose()
                            + ": the response is not " + call.service().signingName.toUpperCase(java.util.Locale.ROOT)
                            + "'s XML", "the base URL may point at something else ('apikey provider show " + provider + "')");
                }
                return new Reply(response.code(), xml, null, null, null);
            }
            String code = xml == null ? null : xml.text("Error", "Code");
            String message = xml == null ? null : xml.text("Error", "Message");
            return new Reply(response.code(), null, code, message, null);
        } catch (IOException e) {
            return new Reply(0, null, null, null,
                    HttpErrors.noResponse(provider + ": cannot " + call.purpose(), endpoint.url().host(), e));
        }
    }

    private ApikeyException failure(Call call, Reply reply) {
        if (reply.lost != null) {
            return reply.lost;
        }
        String head = provider + ": cannot " + call.purpose() + ": ";
        String what = (reply.code == null ? "HTTP " + reply.status : reply.code)
                + (reply.message == null ? "" : ": " + clean(reply.message));
        String code = reply.code == null ? "" : reply.code;
        if (REFUSED.contains(code) || reply.code == null && (reply.status == 401 || reply.status == 403)) {
            return new CredentialRejectedException(head + "AWS refused the credential (" + what + ")",
                    "check the key, or store a management credential with 'apikey provider login " + provider
                            + "' (or set APIKEY_ADMIN_" + dev.apikey.core.KeyRef.toVariablePart(provider) + "=AKID:SECRET)");
        }
        if (code.equals("NoSuchEntity") || reply.code == null && reply.status == 404) {
            return new NotFoundException(head + "not found (" + what + ")",
                    "check the key's id and the user with 'apikey list " + provider + " --remote'");
        }
        if (code.equals("LimitExceeded")) {
            return new ActionNeededException(head + "AWS allows two access keys per user (" + what + ")",
                    "delete the user's unused access key first ('apikey list " + provider + " --remote' shows them)");
        }
        if (THROTTLED.contains(code)) {
            return new ProviderUnavailableException(head + "throttled by AWS (" + what + ")", "try again later");
        }
        if (reply.status >= 500) {
            return new ProviderUnavailableException(head + "AWS failed (" + what + ")", "try again later");
        }
        return new ApikeyException(head + "the request was rejected (" + what + ")",
                "check --param user and the key's id against the IAM console");
    }

    /** As {@link ProviderMessages#clean}, with whatever looks like a secret access key masked too. */
    private String clean(String message) {
        return ProviderMessages.clean(SECRET_SHAPED.matcher(message).replaceAll("***"), context.redactor());
    }

    private static byte[] bounded(ResponseBody body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        BufferedSource source = body.source();
        source.request(MAX_BODY);
        return source.getBuffer().readByteArray(Math.min(source.getBuffer().size(), MAX_BODY));
    }

    private static String encode(String s) {
        // RFC 3986 unreserved characters stay; URLEncoder's '+' for a space is '%20' in AWS's canonical form.
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
