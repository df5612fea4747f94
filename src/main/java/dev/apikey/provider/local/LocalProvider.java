package dev.apikey.provider.local;

import dev.apikey.core.Secret;
import dev.apikey.core.UsageException;
import dev.apikey.core.CreatedKey;
import dev.apikey.core.KeySpec;
import dev.apikey.core.KeyUsage;
import dev.apikey.core.Provider;
import dev.apikey.core.ProviderConfig;
import dev.apikey.provider.ProviderContext;
import dev.apikey.core.RemoteKey;
import dev.apikey.core.RotationStyle;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Mints keys locally: 256 bits from {@link java.security.SecureRandom}, written as
 * {@code <prefix>_<base62>} (prefix {@code ak} unless the provider sets {@code --param prefix=…}).
 * There is no remote API, so revoking only forgets, and rotation is a plain replacement.
 */
final class LocalProvider implements Provider {
    static final String DEFAULT_PREFIX = "ak";
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,15}");
    private static final int SECRET_BYTES = 32;
    private static final int ID_BYTES = 8;

    private final ProviderConfig config;
    private final KeyUsage usage;
    private final ProviderContext context;

    LocalProvider(ProviderConfig config, KeyUsage usage, ProviderContext context) {
        this.config = config;
        this.usage = usage;
        this.context = context;
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
    public boolean remote() {
        return false;
    }

    @Override
    public RotationStyle rotationStyle() {
        return RotationStyle.REPLACE;
    }

    @Override
    public CreatedKey create(KeySpec spec) {
        String prefix = config.params().getOrDefault("prefix", DEFAULT_PREFIX);
        if (!PREFIX.matcher(prefix).matches()) {
            throw new UsageException("invalid local key prefix '" + prefix + "'",
                    "a letter, then up to 15 letters or digits");
        }
        String secret = prefix + "_" + Base62.encode(randomBytes(SECRET_BYTES));
        String id = "lk_" + Base62.encode(randomBytes(ID_BYTES));
        return new CreatedKey(id, Secret.of(secret), context.clock().instant(), spec.expiresAt());
    }

    @Override
    public void revoke(String id) {
        // Nothing lives remotely: forgetting the secret here is the revocation.
    }

    @Override
    public void list(Consumer<RemoteKey> each) {
        // No remote list: every local key is known only here.
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        context.random().get().nextBytes(b);
        return b;
    }
}
