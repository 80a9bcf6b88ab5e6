package io.joule.auth.security;

import io.joule.auth.Role;
import io.joule.config.JouleConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a bearer key into an identity: the configured admin key, or a stored, unrevoked key. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    public static final String SUBJECT = "subject";
    private static final int MAX_KEY_LENGTH = 200;

    private final ActiveKeys keys;
    private final JouleConfig config;

    public ApiKeyIdentityProvider(ActiveKeys keys, JouleConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String key = request.getToken().getToken();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown API key"));
        }
        if (config.adminKey().filter(admin -> !admin.isBlank() && KeyHash.sameKey(admin, key)).isPresent()) {
            return Uni.createFrom().item(identity("admin", Role.ADMIN.code(), null));
        }
        return keys.find(KeyHash.of(key))
                .onItem().ifNull().failWith(() -> new AuthenticationFailedException("unknown API key"))
                .map(ApiKeyIdentityProvider::identity);
    }

    /** The identity a stored key grants, however it was presented (bearer header or dashboard session). */
    static SecurityIdentity identity(ActiveKeys.Grant grant) {
        return identity(grant.id(), grant.role(), grant.subject());
    }

    static SecurityIdentity identity(String name, String role, String subject) {
        var builder = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRole(role);
        if (subject != null) {
            builder.addAttribute(SUBJECT, subject);
        }
        return builder.build();
    }
}
