package dev.apikey.provider.aws;

import dev.apikey.core.ActionNeededException;
import dev.apikey.core.CredentialRejectedException;
import dev.apikey.core.NotFoundException;
import dev.apikey.core.PolicyException;
import dev.apikey.core.ProviderUnavailableException;
import dev.apikey.core.RequestSigner;
import dev.apikey.core.Secret;
import dev.apikey.core.SendRequest;
import dev.apikey.core.UsageException;
import dev.apikey.core.CreatedKey;
import dev.apikey.core.HeldKeys;
import dev.apikey.core.KeySpec;
import dev.apikey.core.KeyUsage;
import dev.apikey.core.Origin;
import dev.apikey.core.Provider;
import dev.apikey.core.ProviderConfig;
import dev.apikey.provider.ProviderContext;
import dev.apikey.core.RemoteKey;
import dev.apikey.core.RotationStyle;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.HttpUrl;

/**
 * IAM access keys of one IAM user. Every call is signed with SigV4 by the management credential
 * ({@code AKID:SECRET}) when there is one, else by the user's own keys held here, as
 * {@code aws-vault rotate} does: the old key signs the create of its successor, the new key signs the
 * deactivation and delete of the old one. IAM allows two keys per user, so a rotation needs the second
 * slot free; it stops before creating anything when it is not.
 */
final class AwsProvider implements Provider {
    private final ProviderConfig config;
    private final KeyUsage usage;
    private final ProviderContext context;
    private final Partition partition;
    private final String region;
    private final AwsApi api;

    AwsProvider(ProviderConfig config, KeyUsage usage, ProviderContext context) {
        this.config = config;
        this.usage = usage;
        this.context = context;
        this.region = config.params().get("region");
        this.partition = Partition.of(config.params().get("partition"), region);
        AwsApi.Endpoint iam;
        AwsApi.Endpoint sts;
        if (config.baseUrl() != null) {
            // One endpoint for both (a test server, a proxy): each call still signs for its own service.
            HttpUrl base = HttpUrl.get(config.baseUrl());
            iam = new AwsApi.Endpoint(base, partition.iamRegion);
            sts = new AwsApi.Endpoint(base, region != null ? region : partition.iamRegion);
        } else {
            iam = new AwsApi.Endpoint(HttpUrl.get("https://" + partition.iamHost + "/"), partition.iamRegion);
            sts = new AwsApi.Endpoint(HttpUrl.get("https://" + partition.stsHost(region) + "/"),
                    region != null ? region : partition.iamRegion);
        }
        this.api = new AwsApi(config.name(), iam, sts, context);
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public KeyUsage usage() {
        return usage;
    }

    @Override
    public String baseUrl() {
        return config.baseUrl() != null ? config.baseUrl() : "https://" + partition.iamHost;
    }

    /** Every host of the key's partition (the key signs for them, it is never sent), the base URL, and allowed hosts. */
    @Override
    public List<String> boundOrigins() {
        List<String> origins = new ArrayList<>(Origin.boundTo(config.baseUrl(), config.allowHosts()));
        origins.add(AwsHosts.wildcardOrigin(partition));
        return origins;
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public RotationStyle rotationStyle() {
        return RotationStyle.REPLACE;
    }

    /** AWS's advice: rotate access keys at least every 90 days. */
    @Override
    public Optional<Duration> maxAge() {
        return Optional.of(Duration.ofDays(90));
    }

    @Override
    public CreatedKey create(KeySpec spec) {
        Optional<SigV4.AccessKey> admin = managementKey();
        Optional<HeldKeys.HeldKey> current = context.heldKeys().named(spec.name());
        if (spec.expiresAt() != null && current.isEmpty()) {
            // A rotation keeps an imported key's recorded lifetime; a new key cannot be given one.
            throw new UsageException("AWS access keys do not expire, so --expires cannot be honoured",
                    "create it without --expires; give it --max-age 90d so 'apikey rotate --due' replaces it in time");
        }
        SigV4.AccessKey signer = admin.or(() -> current.map(AwsProvider::accessKey))
                .or(() -> context.heldKeys().all().stream().findFirst().map(AwsProvider::accessKey))
                .orElseThrow(this::noCredential);
        String user = userFor(spec.params(), admin.isPresent(), current.map(HeldKeys.HeldKey::id).orElse(null));
        requireFreeSlot(user, signer, current.map(HeldKeys.HeldKey::id).orElse(null));
        Xml key = api.send(new AwsApi.Call(AwsApi.Service.IAM, "CreateAccessKey", userParam(user), signer,
                false, false, "create an access key")).child("AccessKey").orElse(null);
        String id = key == null ? null : key.text("AccessKeyId");
        String secretText = key == null ? null : key.text("SecretAccessKey");
        if (id == null || secretText == null) {
            throw new ProviderUnavailableException(config.name() + ": CreateAccessKey answered without AccessKeyId and "
                    + "SecretAccessKey", "the base URL may point at something else");
        }
        Secret secret = Secret.of(secretText);
        context.redactor().register(secret);
        return new CreatedKey(id, secret, instant(key.text("CreateDate")), null);
    }

    /**
     * Stops before a create that IAM would refuse: the user has two keys already. Names the key that is
     * in the way and whether it was ever used, so the user can decide whether to delete it.
     */
    private void requireFreeSlot(String user, SigV4.AccessKey signer, String currentId) {
        List<RemoteKey> keys = new ArrayList<>();
        listKeys(user, signer, keys::add);
        if (keys.size() < 2) {
            return;
        }
        List<String> others = new ArrayList<>();
        for (RemoteKey k : keys) {
            if (!k.id().equals(currentId)) {
                others.add(k.id() + " (" + k.status() + ", " + lastUse(k.id(), signer) + ")");
            }
        }
        String whose = user == null ? "the IAM user" : "IAM user " + user;
        throw new ActionNeededException(config.name() + ": " + whose + " already has two access keys, the most AWS "
                + "allows; the other is " + String.join(" and ", others) + ". Nothing was created",
                "delete the key you no longer need (in the IAM console, or 'aws iam delete-access-key --access-key-id ID'), "
                        + "then rotate again");
    }

    private String lastUse(String id, SigV4.AccessKey signer) {
        Xml used = accessKeyLastUsed(id, signer, "read when access key " + id + " was last used");
        String date = used.text("AccessKeyLastUsed", "LastUsedDate");
        if (date == null) {
            return "never used";
        }
        return "last used " + date + " with " + used.text("AccessKeyLastUsed", "ServiceName") + " in "
                + used.text("AccessKeyLastUsed", "Region");
    }

    /** GetCallerIdentity with the new key, retried for a while: IAM is eventually consistent. */
    @Override
    public Optional<Boolean> verify(CreatedKey key) {
        try {
            api.send(new AwsApi.Call(AwsApi.Service.STS, "GetCallerIdentity", Map.of(),
                    new SigV4.AccessKey(key.id(), key.secret()), true, true, "check the new access key"));
            return Optional.of(true);
        } catch (CredentialRejectedException refused) {
            return Optional.of(false);
        }
    }

    /**
     * Deactivates the key, then deletes it. Without a management credential another key of the user
     * signs; a key that is the only one held deletes itself (deactivated, it could no longer sign).
     */
    @Override
    public void revoke(String id) {
        Optional<SigV4.AccessKey> admin = managementKey();
        List<HeldKeys.HeldKey> held = admin.isPresent() ? List.of() : context.heldKeys().all();
        SigV4.AccessKey signer = admin
                .or(() -> held.stream().filter(k -> !k.id().equals(id)).findFirst().map(AwsProvider::accessKey))
                .or(() -> held.stream().filter(k -> k.id().equals(id)).findFirst().map(AwsProvider::accessKey))
                .orElseThrow(this::noCredential);
        Map<String, String> params = new LinkedHashMap<>(userParam(userFor(Map.of(), admin.isPresent(), id)));
        params.put("AccessKeyId", id);
        boolean recent = admin.isEmpty(); // a successor that signs may be seconds old
        if (!signer.id().equals(id)) {
            Map<String, String> inactive = new LinkedHashMap<>(params);
            inactive.put("Status", "Inactive");
            api.send(new AwsApi.Call(AwsApi.Service.IAM, "UpdateAccessKey", inactive, signer, true, recent,
                    "deactivate access key " + id));
        }
        api.send(new AwsApi.Call(AwsApi.Service.IAM, "DeleteAccessKey", params, signer, true, recent,
                "delete access key " + id));
    }

    @Override
    public void list(Consumer<RemoteKey> each) {
        Optional<SigV4.AccessKey> admin = managementKey();
        List<HeldKeys.HeldKey> held = context.heldKeys().all();
        SigV4.AccessKey signer = admin.or(() -> held.stream().findFirst().map(AwsProvider::accessKey))
                .orElseThrow(this::noCredential);
        String user = userFor(Map.of(), admin.isPresent(), held.isEmpty() ? null : held.get(0).id());
        listKeys(user, signer, k -> each.accept(new RemoteKey(k.id(), null, null, k.createdAt(), null, null,
                k.status(), lastUsedAt(k.id(), signer))));
    }

    private Instant lastUsedAt(String id, SigV4.AccessKey signer) {
        try {
            return instant(accessKeyLastUsed(id, signer, "read when access key " + id + " was last used")
                    .text("AccessKeyLastUsed", "LastUsedDate"));
        } catch (NotFoundException gone) {
            return null; // deleted between the listing and this call
        }
    }

    /**
     * GetAccessKeyLastUsed: the key's user ({@code UserName}) and its last use ({@code AccessKeyLastUsed}: date,
     * service, region), idempotent, so retried.
     */
    private Xml accessKeyLastUsed(String id, SigV4.AccessKey signer, String purpose) {
        return api.send(new AwsApi.Call(AwsApi.Service.IAM, "GetAccessKeyLastUsed", Map.of("AccessKeyId", id),
                signer, true, false, purpose));
    }

    /** ListAccessKeys, every page (Marker / IsTruncated). */
    private void listKeys(String user, SigV4.AccessKey signer, Consumer<RemoteKey> each) {
        String marker = null;
        for (int page = 0; page < 1000; page++) {
            Map<String, String> params = new LinkedHashMap<>(userParam(user));
            if (marker != null) {
                params.put("Marker", marker);
            }
            Xml result = api.send(new AwsApi.Call(AwsApi.Service.IAM, "ListAccessKeys", params, signer, true, false,
                    "list access keys"));
            for (Xml m : result.child("AccessKeyMetadata").map(x -> x.children("member")).orElse(List.of())) {
                String id = m.text("AccessKeyId");
                if (id != null) {
                    each.accept(new RemoteKey(id, null, null, instant(m.text("CreateDate")), null, null,
                            m.text("Status"), null));
                }
            }
            marker = result.text("Marker");
            if (!"true".equals(result.text("IsTruncated")) || marker == null) {
                return;
            }
        }
        throw new ProviderUnavailableException(config.name() + ": ListAccessKeys kept answering IsTruncated",
                "the base URL may point at something else");
    }

    /** Signs {@code apikey request}s: service and region from the host, {@code --aws-service} or {@code --param region}. */
    @Override
    public Optional<RequestSigner> signer(String id, Secret secret, URI url, String service) {
        if (id == null) {
            throw new UsageException("the access key id of this key is not known here, and AWS signatures need it",
                    "import it again with --id AKIA…");
        }
        AwsHosts.Scope scope = AwsHosts.scope(url.getHost(), partition);
        // The key's binding covers every host under the partition's DNS suffix, which the aws and aws-us-gov
        // partitions share: a GovCloud endpoint passes the binding, but is no host this key may sign for.
        if (scope == null && url.getHost() != null
                && url.getHost().toLowerCase(java.util.Locale.ROOT).endsWith("." + partition.dnsSuffix)) {
            throw new PolicyException(url.getHost() + " is an endpoint of another AWS partition than "
                    + config.name() + "'s (" + partition.id + "); the key is not sent there",
                    "use a provider of that partition: apikey provider add NAME --type aws --param partition=…");
        }
        String signingService = service != null ? service : config.params().get("service") != null
                ? config.params().get("service") : scope == null ? null : scope.service();
        if (signingService == null) {
            throw new UsageException("cannot tell the AWS service from the host " + url.getHost(),
                    "name it: --aws-service sts (the signing name, e.g. s3, ec2, execute-api)");
        }
        String signingRegion = region != null ? region : scope != null && scope.region() != null ? scope.region()
                : partition.iamRegion;
        SigV4.AccessKey key = new SigV4.AccessKey(id, secret);
        return Optional.of((method, target, headers, body) -> SigV4.sign(method, target,
                        headers.stream().map(h -> Map.entry(h.name(), h.value())).toList(), body, key, signingService,
                        signingRegion, context.clock()).stream()
                .map(h -> new SendRequest.Header(h.getKey(), h.getValue())).toList());
    }

    /** {@code --param user}, else with a management credential the owner of a known key, else the caller's own (none). */
    private String userFor(Map<String, String> keyParams, boolean admin, String knownKeyId) {
        String user = keyParams.get("user") != null ? keyParams.get("user") : config.params().get("user");
        if (user != null || !admin || knownKeyId == null) {
            return user;
        }
        try {
            return accessKeyLastUsed(knownKeyId, managementKey().orElseThrow(), "find the user of access key " + knownKeyId)
                    .text("UserName");
        } catch (NotFoundException gone) {
            return null;
        }
    }

    private static Map<String, String> userParam(String user) {
        return user == null ? Map.of() : Map.of("UserName", user);
    }

    /** The management credential, {@code AKID:SECRET}; empty when there is none, so keys sign for themselves. */
    private Optional<SigV4.AccessKey> managementKey() {
        Secret credential;
        try {
            credential = context.managementCredential().get();
        } catch (CredentialRejectedException none) {
            return Optional.empty(); // ManagementCredentials says so only when nothing is configured
        }
        String text = credential.reveal();
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UsageException("the management credential of " + config.name() + " must be ACCESS_KEY_ID:SECRET_ACCESS_KEY",
                    "store it again with 'apikey provider login " + config.name() + "', e.g. AKIA…:wJalr…");
        }
        Secret secret = Secret.of(text.substring(colon + 1));
        context.redactor().register(secret);
        return Optional.of(new SigV4.AccessKey(text.substring(0, colon), secret));
    }

    private CredentialRejectedException noCredential() {
        return new CredentialRejectedException("no credential to call IAM for " + config.name()
                + ": no management credential, and no key of " + config.name() + " held here to sign with",
                "import an access key first ('apikey import " + config.name() + "/NAME --id AKIA…'), or run 'apikey provider "
                        + "login " + config.name() + "' with ACCESS_KEY_ID:SECRET_ACCESS_KEY");
    }

    private static SigV4.AccessKey accessKey(HeldKeys.HeldKey k) {
        return new SigV4.AccessKey(k.id(), k.secret());
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
