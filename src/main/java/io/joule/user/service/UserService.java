package io.joule.user.service;

import io.joule.auth.Role;
import io.joule.auth.service.ApiKeyService;
import io.joule.problem.ProblemException;
import io.joule.problem.SqlStates;
import io.joule.user.AppUser;
import io.joule.user.CreatedUser;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class UserService {
    private final ApiKeyService keys;

    public UserService(ApiKeyService keys) {
        this.keys = keys;
    }

    /** Creates the user and a key of role user for them, in one transaction; a concurrent create of the name is a 409. */
    public Uni<CreatedUser> create(String name) {
        return createOnce(name).onFailure().transform(SqlStates.conflictOnDuplicate("A user named " + name + " exists"));
    }

    @WithTransaction
    Uni<CreatedUser> createOnce(String name) {
        return AppUser.count("name", name).flatMap(existing -> {
            if (existing > 0) {
                throw ProblemException.conflict("A user named " + name + " exists");
            }
            AppUser user = new AppUser();
            user.id = UUID.randomUUID();
            user.name = name;
            return user.<AppUser>persist()
                    .flatMap(u -> keys.issue(Role.USER, AppUser.subject(u.id)))
                    .map(key -> new CreatedUser(user.id, user.name, key.key()));
        });
    }
}
