package io.joule.user;

import java.util.UUID;

/** The answer to POST /users: the user's key is shown once. */
public record CreatedUser(UUID userId, String name, String apiKey) {
}
