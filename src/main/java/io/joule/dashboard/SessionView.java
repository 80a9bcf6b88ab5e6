package io.joule.dashboard;

import java.time.Instant;

/** Who the dashboard is signed in as: the key's role and subject (ship:42, user:…), and when the session ends unless used. */
public record SessionView(String role, String subject, Instant expiresAt) {
}
