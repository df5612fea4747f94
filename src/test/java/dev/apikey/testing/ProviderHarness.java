package dev.apikey.testing;

import dev.apikey.BuiltIns;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.core.Notices;
import dev.apikey.core.Redactor;
import dev.apikey.core.Secret;
import dev.apikey.core.UserPrompts;
import dev.apikey.http.HttpClients;
import dev.apikey.core.Provider;
import dev.apikey.core.ProviderConfig;
import dev.apikey.provider.ProviderContext;
import dev.apikey.core.RemoteKey;
import dev.apikey.provider.SecretQuestions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Opens a provider directly, without the command line, for tests of the provider API itself. */
public final class ProviderHarness {
    public static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    private static final HttpClients.Settings SETTINGS = new HttpClients.Settings(Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), 4, Duration.ofMillis(500), Duration.ofSeconds(30));

    private ProviderHarness() {
    }

    /**
     * @param type       a built-in type, or {@code http} with a definition
     * @param params     the provider's {@code --param} settings
     * @param definition the definition of an {@code http} provider, else null
     */
    public static Provider open(String type, String baseUrl, String credential, Map<String, String> params,
                                JsonNode definition) {
        ProviderConfig config = new ProviderConfig("p", type, baseUrl, List.of(), params, null, null, null, null,
                definition == null ? null : definition.toString());
        MutableClock clock = new MutableClock(NOW);
        Redactor redactor = new Redactor();
        HttpClients http = new HttpClients(Map.of(), SETTINGS, clock, d -> { }, redactor,
                new PrintStream(OutputStream.nullOutputStream()), false);
        ProviderContext context = new ProviderContext(clock, SecureRandom::new, () -> Secret.of(credential), http,
                redactor, Notices.SILENT, UserPrompts.NONE, Map.of(), SecretQuestions.NONE,
                dev.apikey.core.HeldKeys.NONE);
        return BuiltIns.providerTypes().find(type).orElseThrow().open(config, context);
    }

    public static List<RemoteKey> list(Provider p) {
        List<RemoteKey> keys = new ArrayList<>();
        p.list(keys::add);
        return keys;
    }
}
