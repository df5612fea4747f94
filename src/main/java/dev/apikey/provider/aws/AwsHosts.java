package dev.apikey.provider.aws;

import java.util.List;
import java.util.Locale;

/**
 * What an AWS host says about how to sign for it, as awscurl and the SDKs read endpoint names:
 * {@code SERVICE.REGION.SUFFIX}, {@code SERVICE.SUFFIX} (global, signed in the partition's default
 * region), {@code BUCKET.s3.REGION.SUFFIX}, {@code ID.execute-api.REGION.SUFFIX}, {@code SERVICE-fips.…}.
 */
final class AwsHosts {
    private AwsHosts() {
    }

    /** The signing service and region of a host; region is null for a global endpoint. */
    record Scope(String service, String region) {
    }

    /** The origin pattern that stands for every https host of the partition. */
    static String wildcardOrigin(Partition p) {
        return "https://*." + p.dnsSuffix;
    }

    /** The service and region a host of the partition names, or null for a host outside it. */
    static Scope scope(String host, Partition p) {
        if (host == null || !p.owns(host)) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        List<String> labels = List.of(h.substring(0, h.length() - p.dnsSuffix.length() - 1).split("\\."));
        for (int i = labels.size() - 1; i > 0; i--) {
            if (p.hasRegion(labels.get(i))) {
                return new Scope(service(labels.get(i - 1)), labels.get(i));
            }
        }
        String last = labels.get(labels.size() - 1);
        if (p == Partition.AWS_US_GOV && last.equals("us-gov") && labels.size() > 1) {
            return new Scope(service(labels.get(labels.size() - 2)), p.iamRegion); // iam.us-gov.amazonaws.com
        }
        return new Scope(service(last), null);
    }

    private static String service(String label) {
        String s = label.endsWith("-fips") ? label.substring(0, label.length() - 5) : label;
        return s.equals("dualstack") ? "s3" : s;
    }
}
