package io.joule.auth;

import java.util.UUID;

/** A new key as answered once at creation: the secret is never shown again. */
public record IssuedApiKey(UUID id, String key, String role, String subject) {
}
