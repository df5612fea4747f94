package dev.apikey.core;

import java.time.Instant;

/** A key the provider just made, with its secret (which the provider shows only this once). */
public record CreatedKey(String id, Secret secret, Instant createdAt, Instant expiresAt) {
}
