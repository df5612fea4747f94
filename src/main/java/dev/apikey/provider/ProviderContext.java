package dev.apikey.provider;

import dev.apikey.core.HeldKeys;
import dev.apikey.core.Notices;
import dev.apikey.core.Redactor;
import dev.apikey.http.HttpClients;
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
 * @param random               a source of randomness, for providers that mint keys ({@code local}); seeding
 *                             one costs a start milliseconds, so it is made only when asked for
 * @param managementCredential the provider's management credential ({@code APIKEY_ADMIN_<PROVIDER>} or
 *                             the store); throws when there is none
 * @param http                 the invocation's HTTP client (built on first use)
 * @param redactor             register every secret a provider sees, so {@code -v} masks it
 * @param environment          the process environment
 * @param questions            asks for secrets a call needs at create time (an npm password, a one-time code)
 * @param heldKeys             this provider's keys whose secrets are held here, for keys that manage themselves (AWS)
 */
public record ProviderContext(Clock clock, Supplier<SecureRandom> random, Supplier<Secret> managementCredential,
                              HttpClients http, Redactor redactor, Notices notices, UserPrompts prompts,
                              Map<String, String> environment, SecretQuestions questions,
                              HeldKeys heldKeys) {
}
