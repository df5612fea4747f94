package dev.apikey.provider.aws;

import dev.apikey.core.UsageException;
import dev.apikey.core.KeyUsage;
import dev.apikey.core.Provider;
import dev.apikey.core.ProviderConfig;
import dev.apikey.provider.ProviderContext;
import dev.apikey.provider.ProviderType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code aws}: IAM access keys. The key's id is the access key id, its secret the secret access key.
 * {@code exec} sets the variables every AWS SDK and the CLI read, and clears those that would take
 * precedence over them; {@code request} signs with SigV4 instead of sending the key.
 */
public final class AwsProviderType implements ProviderType {
    public static final String NAME = "aws";
    private static final Set<String> PARAMS = Set.of("region", "partition", "user", "service", "maxAge");
    /**
     * A session token would be sent with the long-lived key and refused; a profile makes botocore skip
     * the environment's keys altogether (its credential chain drops the env provider once a profile is named).
     */
    static final List<String> CLEARED = List.of("AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE",
            "AWS_DEFAULT_PROFILE");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "AWS IAM access keys (SigV4; rotation within IAM's two keys per user)";
    }

    @Override
    public String defaultBaseUrl() {
        return "https://" + Partition.AWS.iamHost;
    }

    @Override
    public KeyUsage defaultUsage() {
        return usage(null);
    }

    private static KeyUsage usage(String region) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", "{id}");
        env.put("AWS_SECRET_ACCESS_KEY", "{secret}");
        if (region != null) {
            env.put("AWS_REGION", region);
            env.put("AWS_DEFAULT_REGION", region);
        }
        return new KeyUsage("Authorization", "AWS4-HMAC-SHA256 (a SigV4 signature; the secret is never sent)", env,
                Map.of(), CLEARED);
    }

    @Override
    public void check(ProviderConfig config) {
        for (String p : config.params().keySet()) {
            if (!PARAMS.contains(p)) {
                throw new UsageException("the aws type has no parameter '" + p + "'",
                        "its parameters: region, partition, user, service, maxAge");
            }
        }
        Partition.of(config.params().get("partition"), config.params().get("region"));
    }

    @Override
    public Provider open(ProviderConfig config, ProviderContext context) {
        return new AwsProvider(config, usage(config.params().get("region")).overriddenBy(config), context);
    }
}
