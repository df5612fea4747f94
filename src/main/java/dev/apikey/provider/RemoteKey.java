package dev.apikey.provider;

import java.time.Instant;

/** A key as the provider lists it: no secret, at most a redacted hint. */
public record RemoteKey(String id, String name, String description, Instant createdAt, Instant expiresAt, String hint) {
}
