package dev.apikey.provider.aws;

import dev.apikey.core.UsageException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An AWS partition: where its IAM and STS endpoints are, in which region IAM signs, and which hosts
 * belong to it. From botocore's {@code data/endpoints.json} (partitions {@code aws}, {@code aws-cn},
 * {@code aws-us-gov}; IAM is global per partition with a fixed credential scope region).
 */
enum Partition {
    AWS("aws", "amazonaws.com", "iam.amazonaws.com", "us-east-1", "sts.amazonaws.com",
            "^(us|eu|ap|sa|ca|me|af|il|mx)-\\w+-\\d+$"),
    AWS_CN("aws-cn", "amazonaws.com.cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1",
            "sts.cn-north-1.amazonaws.com.cn", "^cn-\\w+-\\d+$"),
    AWS_US_GOV("aws-us-gov", "amazonaws.com", "iam.us-gov.amazonaws.com", "us-gov-west-1",
            "sts.us-gov-west-1.amazonaws.com", "^us-gov-\\w+-\\d+$");

    final String id;
    final String dnsSuffix;
    final String iamHost;
    /** The region IAM's signatures are scoped to, and the default region of the partition. */
    final String iamRegion;
    private final String defaultStsHost;
    private final Pattern regions;

    Partition(String id, String dnsSuffix, String iamHost, String iamRegion, String defaultStsHost, String regions) {
        this.id = id;
        this.dnsSuffix = dnsSuffix;
        this.iamHost = iamHost;
        this.iamRegion = iamRegion;
        this.defaultStsHost = defaultStsHost;
        this.regions = Pattern.compile(regions);
    }

    boolean hasRegion(String region) {
        return regions.matcher(region).matches();
    }

    /** STS in the given region, or the partition's default endpoint (the global one in {@code aws}). */
    String stsHost(String region) {
        return region == null ? defaultStsHost : "sts." + region + "." + dnsSuffix;
    }

    /** Whether a host is one of this partition's service endpoints. */
    boolean owns(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (!h.endsWith("." + dnsSuffix)) {
            return false;
        }
        // aws and aws-us-gov share amazonaws.com: a GovCloud host names a us-gov region.
        boolean gov = h.contains(".us-gov-") || h.startsWith("iam.us-gov.") || h.contains("-us-gov-");
        return this == AWS_US_GOV ? gov : this != AWS || !gov;
    }

    /**
     * The partition of {@code --param partition=…}, else of the region, else {@code aws}.
     *
     * @throws UsageException for an unknown partition, or a region of another partition
     */
    static Partition of(String name, String region) {
        Partition p = null;
        if (name != null) {
            for (Partition candidate : values()) {
                if (candidate.id.equals(name)) {
                    p = candidate;
                }
            }
            if (p == null) {
                throw new UsageException("unknown AWS partition '" + name + "'", "use aws, aws-cn or aws-us-gov");
            }
        }
        if (region != null) {
            Partition ofRegion = null;
            for (Partition candidate : values()) {
                if (candidate.hasRegion(region)) {
                    ofRegion = candidate;
                }
            }
            if (ofRegion == null) {
                throw new UsageException("'" + region + "' is not an AWS region", "for example: --param region=eu-west-1");
            }
            if (p != null && p != ofRegion) {
                throw new UsageException("region " + region + " is in partition " + ofRegion.id + ", not " + p.id,
                        "drop --param partition, or name a region of " + p.id);
            }
            p = ofRegion;
        }
        return p == null ? AWS : p;
    }
}
