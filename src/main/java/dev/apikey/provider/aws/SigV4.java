package dev.apikey.provider.aws;

import dev.apikey.core.Secret;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * AWS Signature Version 4, by the AWS SDK for Java v2's own signer ({@code AwsV4HttpSigner}, the
 * SDK's reference implementation). Its classes load only here, on aws paths; docs/benchmarks.md
 * records what that costs.
 */
final class SigV4 {
    /** Headers the signature adds; everything else of the request is left as it was. */
    private static final List<String> ADDED = List.of("authorization", "x-amz-date", "x-amz-content-sha256");

    private SigV4() {
    }

    /** A key as AWS knows it: the access key id and the secret access key. */
    record AccessKey(String id, Secret secret) {
    }

    /**
     * The headers that sign this exact request (method, URL, headers, body) with the key for a service
     * and region at the clock's time.
     *
     * @param headers the request's headers that are to be signed (the host is taken from the URL)
     */
    static List<Map.Entry<String, String>> sign(String method, URI url, List<Map.Entry<String, String>> headers,
                                               byte[] body, AccessKey key, String service, String region, Clock clock) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(url);
        for (Map.Entry<String, String> h : headers) {
            request.appendHeader(h.getKey(), h.getValue());
        }
        boolean s3 = service.equals("s3");
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key.id(), key.secret().reveal()))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)
                // S3 signs the path as sent; every other service encodes it twice and normalises it.
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, !s3)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, !s3));
        List<Map.Entry<String, String>> added = new ArrayList<>();
        signed.request().forEachHeader((name, values) -> {
            if (ADDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> added.add(Map.entry(name, v)));
            }
        });
        return added;
    }
}
