package io.joule.auth.service;

import io.joule.auth.ApiKey;
import io.joule.auth.ApiKeyView;
import io.joule.auth.IssuedApiKey;
import io.joule.auth.Role;
import io.joule.auth.repository.ApiKeyRepository;
import io.joule.auth.security.KeyHash;
import io.joule.problem.ProblemError;
import io.joule.problem.ProblemException;
import io.joule.user.AppUser;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ApiKeyService {
    private final ApiKeyRepository keys;

    public ApiKeyService(ApiKeyRepository keys) {
        this.keys = keys;
    }

    /**
     * Issues a key; the caller has validated role and subject. A user key's user must exist (a 400 otherwise); users are
     * never deleted, so the key stays valid.
     */
    @WithTransaction
    public Uni<IssuedApiKey> issue(Role role, String subject) {
        Uni<Void> holder = role == Role.USER ? requireUser(UUID.fromString(subject.substring("user:".length())))
                : Uni.createFrom().voidItem();
        return holder.chain(() -> {
            String secret = KeyHash.newKey();
            ApiKey key = new ApiKey();
            key.id = UUID.randomUUID();
            key.keyHash = KeyHash.of(secret);
            key.role = role.code();
            key.subject = subject;
            return keys.persist(key).map(k -> new IssuedApiKey(k.id, secret, k.role, k.subject));
        });
    }

    /** In the issue's session: a user created in the same transaction is found without a query. */
    private static Uni<Void> requireUser(UUID user) {
        return AppUser.findById(user).onItem().ifNull().failWith(() -> ProblemException.badRequest("Invalid API key request",
                List.of(ProblemError.at("/subject", "no user " + user + "; POST /users creates a user and its key")))).replaceWithVoid();
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
