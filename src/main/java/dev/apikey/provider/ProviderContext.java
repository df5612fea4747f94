package dev.apikey.provider;

import dev.apikey.core.Notices;
import dev.apikey.core.Secret;
import dev.apikey.core.UserPrompts;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a provider may use from the world. Everything is lazy: opening a provider costs nothing until
 * it makes a call.
 *
 * @param managementCredential the provider's management credential ({@code APIKEY_ADMIN_<PROVIDER>} or
 *                             the store); throws when there is none
 * @param environment          the process environment, for extra create-time secrets (e.g. an npm password)
 */
public record ProviderContext(Clock clock, SecureRandom random, Supplier<Secret> managementCredential,
                              Notices notices, UserPrompts prompts, Map<String, String> environment) {
}
