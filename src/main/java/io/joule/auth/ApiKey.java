package io.joule.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A bearer API key, stored only as the SHA-256 of the secret. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(columnDefinition = "text", name = "key_hash")
    public String keyHash;

    @Column(columnDefinition = "text")
    public String role;

    @Column(columnDefinition = "text")
    public String subject;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
}
