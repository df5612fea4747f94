package dev.apikey.provider.github;

import dev.apikey.core.UsageException;
import dev.apikey.core.CreatedKey;
import dev.apikey.core.KeySpec;
import dev.apikey.core.KeyUsage;
import dev.apikey.core.Provider;
import dev.apikey.core.ProviderConfig;
import dev.apikey.provider.ProviderContext;
import dev.apikey.provider.ProviderType;
import dev.apikey.core.RemoteKey;
import dev.apikey.core.RotationStyle;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code github}: tokens made in GitHub's UI (personal access tokens, fine-grained or classic), which
 * GitHub's REST API can neither create nor revoke for their owner. They are imported, used with
 * {@code request} (bound to api.github.com, or a GitHub Enterprise {@code --base-url} such as
 * {@code https://ghe.example.com/api/v3}) and {@code exec} ({@code GH_TOKEN}, which gh reads first),
 * and the provider's management credential writes {@code github:} targets.
 */
public final class GitHubProviderType implements ProviderType {
    public static final String NAME = "github";
    public static final String DEFAULT_BASE_URL = "https://api.github.com";
    private static final String TOKENS_PAGE = "GitHub's settings (Developer settings → Personal access tokens)";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GitHub tokens made in GitHub's UI (import them); the credential of github: targets";
    }

    @Override
    public String defaultBaseUrl() {
        return DEFAULT_BASE_URL;
    }

    @Override
    public KeyUsage defaultUsage() {
        return new KeyUsage("Authorization", "Bearer {secret}", Map.of("GH_TOKEN", "{secret}"));
    }

    @Override
    public Provider open(ProviderConfig config, ProviderContext context) {
        String baseUrl = config.baseUrl() != null ? config.baseUrl() : DEFAULT_BASE_URL;
        KeyUsage usage = defaultUsage().overriddenBy(config);
        return new Provider() {
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
                return baseUrl;
            }

            @Override
            public boolean remote() {
                return true;
            }

            @Override
            public RotationStyle rotationStyle() {
                return RotationStyle.REPLACE;
            }

            /** Nothing is ever created here, so a lost create has nothing to be found by: no listing beforehand. */
            @Override
            public boolean carriesMarker() {
                return true;
            }

            @Override
            public CreatedKey create(KeySpec spec) {
                throw new UsageException("GitHub's API cannot create tokens; make one in " + TOKENS_PAGE,
                        "then store it with 'apikey import " + config.name() + "/" + spec.name() + "'");
            }

            @Override
            public void revoke(String id) {
                throw new UsageException("GitHub's API cannot revoke tokens for their owner; delete it in " + TOKENS_PAGE,
                        "then remove it here with 'apikey forget'");
            }

            @Override
            public void list(Consumer<RemoteKey> each) {
                throw new UsageException("GitHub's API does not list personal access tokens to their owner",
                        "'apikey list " + config.name() + "' shows the ones stored here");
            }
        };
    }
}
