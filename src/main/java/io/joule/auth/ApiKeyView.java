package io.joule.auth;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored key without its secret. */
public record ApiKeyView(UUID id, String role, String subject, OffsetDateTime createdAt, OffsetDateTime revokedAt) {

    public static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.id, key.role, key.subject, key.createdAt, key.revokedAt);
    }
}
