package dev.apikey.target;

import dev.apikey.core.Secret;
import java.util.function.Supplier;

/**
 * The API a remote destination is written through: a configured provider's base URL and management
 * credential ({@code github}: {@code apikey provider login github} or {@code APIKEY_ADMIN_GITHUB}).
 *
 * @param provider   the provider's name, for messages and hints
 * @param baseUrl    its base URL (the type's default unless the user set one)
 * @param credential read only when a write is made
 */
public record TargetHost(String provider, String baseUrl, Supplier<Secret> credential) {
}
