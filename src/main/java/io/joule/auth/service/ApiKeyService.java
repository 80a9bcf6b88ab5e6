package io.joule.auth.service;

import io.joule.auth.ApiKey;
import io.joule.auth.ApiKeyView;
import io.joule.auth.IssuedApiKey;
import io.joule.auth.Role;
import io.joule.auth.repository.ApiKeyRepository;
import io.joule.auth.security.KeyHash;
import io.joule.problem.ProblemError;
import io.joule.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ApiKeyService {
    private final ApiKeyRepository keys;
    private final Pool pool;

    public ApiKeyService(ApiKeyRepository keys, Pool pool) {
        this.keys = keys;
        this.pool = pool;
    }

    /** Fails with a 400 unless the user exists (users are never deleted, so a key issued after this check stays valid). */
    public Uni<Void> requireUser(UUID user) {
        return pool.preparedQuery("select 1 from app_user where id = $1").execute(Tuple.of(user)).invoke(rows -> {
            if (rows.size() == 0) {
                throw ProblemException.badRequest("Invalid API key request", List.of(ProblemError.at("/subject",
                        "no user " + user + "; POST /users creates a user and its key")));
            }
        }).replaceWithVoid();
    }

    /** Issues a key; the caller has validated role and subject. */
    @WithTransaction
    public Uni<IssuedApiKey> issue(Role role, String subject) {
        String secret = KeyHash.newKey();
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.keyHash = KeyHash.of(secret);
        key.role = role.code();
        key.subject = subject;
        return keys.persist(key).map(k -> new IssuedApiKey(k.id, secret, k.role, k.subject));
    }

    /** Revokes a key; revoking it again changes nothing. */
    @WithTransaction
    public Uni<Void> revoke(UUID id) {
        return keys.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No API key " + id))
                .invoke(k -> {
                    if (k.revokedAt == null) {
                        k.revokedAt = OffsetDateTime.now();
                    }
                })
                .replaceWithVoid();
    }

    @WithSession
    public Uni<List<ApiKeyView>> list() {
        return keys.listAll(io.quarkus.panache.common.Sort.by("createdAt"))
                .map(all -> all.stream().map(ApiKeyView::of).toList());
    }
}
