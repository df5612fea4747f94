package dev.apikey.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apikey.core.Origin;
import dev.apikey.core.UsageException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a host names its signing service and region, and which hosts a partition's keys may sign for. */
class AwsHostsTest {

    @ParameterizedTest(name = "{0} in {1} -> {2} {3}")
    @CsvSource(nullValues = "-", value = {
        "sts.amazonaws.com, aws, sts, -",
        "iam.amazonaws.com, aws, iam, -",
        "sts.eu-west-1.amazonaws.com, aws, sts, eu-west-1",
        "ec2.us-east-2.amazonaws.com, aws, ec2, us-east-2",
        "my-bucket.s3.ap-southeast-2.amazonaws.com, aws, s3, ap-southeast-2",
        "my-bucket.s3.amazonaws.com, aws, s3, -",
        "abc123.execute-api.eu-central-1.amazonaws.com, aws, execute-api, eu-central-1",
        "sqs-fips.us-east-1.amazonaws.com, aws, sqs, us-east-1",
        "iam.cn-north-1.amazonaws.com.cn, aws-cn, iam, cn-north-1",
        "sts.us-gov-west-1.amazonaws.com, aws-us-gov, sts, us-gov-west-1",
        "iam.us-gov.amazonaws.com, aws-us-gov, iam, us-gov-west-1",
    })
    void scopeOfAHost(String host, String partition, String service, String region) {
        AwsHosts.Scope scope = AwsHosts.scope(host, Partition.of(partition, null));
        assertThat(scope).isEqualTo(new AwsHosts.Scope(service, region));
    }

    @ParameterizedTest(name = "{0} is not a host of {1}")
    @CsvSource({
        "example.com, aws",
        "amazonaws.com.evil.example, aws",
        "sts.cn-north-1.amazonaws.com.cn, aws",
        "sts.us-gov-west-1.amazonaws.com, aws",
        "sts.us-east-1.amazonaws.com, aws-us-gov",
        "sts.eu-west-1.amazonaws.com, aws-cn",
    })
    void hostsOutsideThePartition(String host, String partition) {
        assertThat(AwsHosts.scope(host, Partition.of(partition, null))).isNull();
    }

    @ParameterizedTest(name = "{1} covered by {0}: {2}")
    @CsvSource({
        "https://*.amazonaws.com, https://sts.amazonaws.com, true",
        "https://*.amazonaws.com, https://a.b.s3.eu-west-1.amazonaws.com, true",
        "https://*.amazonaws.com, http://sts.amazonaws.com, false",
        "https://*.amazonaws.com, https://sts.amazonaws.com:8443, false",
        "https://*.amazonaws.com, https://amazonaws.com, false",
        "https://*.amazonaws.com, https://evilamazonaws.com, false",
        "https://*.amazonaws.com, https://sts.amazonaws.com.cn, false",
        "https://api.example.com, https://api.example.com, true",
        "https://api.example.com, https://x.api.example.com, false",
    })
    void originsCoveredByAPattern(String bound, String origin, boolean covered) {
        assertThat(Origin.covers(List.of(bound), Origin.parse(origin))).isEqualTo(covered);
    }

    @ParameterizedTest(name = "partition {0}, region {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
        "-, -, aws",
        "-, eu-west-1, aws",
        "-, cn-northwest-1, aws-cn",
        "-, us-gov-east-1, aws-us-gov",
        "aws-cn, -, aws-cn",
    })
    void partitionFromParameters(String partition, String region, String expected) {
        assertThat(Partition.of(partition, region).id).isEqualTo(expected);
    }

    @ParameterizedTest(name = "partition {0}, region {1} is refused")
    @CsvSource(nullValues = "-", value = {"aws-mars, -", "-, mars-1", "aws-cn, eu-west-1"})
    void badPartitionsAndRegions(String partition, String region) {
        assertThatThrownBy(() -> Partition.of(partition, region)).isInstanceOf(UsageException.class);
    }
}
