package io.joule.auth.repository;

import io.joule.auth.ApiKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, UUID> {

    public Uni<ApiKey> findActiveByHash(String keyHash) {
        return find("keyHash = ?1 and revokedAt is null", keyHash).firstResult();
    }
}
