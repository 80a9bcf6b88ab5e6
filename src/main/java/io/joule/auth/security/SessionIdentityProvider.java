package io.joule.auth.security;

import io.joule.auth.Role;
import io.joule.config.JouleConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a session token into the identity of the API key the session was opened with, checked
 * again on every request: a revoked key, or a changed admin key, ends the session.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionAuthenticationRequest> {
    private final SessionStore sessions;
    private final ActiveKeys keys;
    private final JouleConfig config;

    public SessionIdentityProvider(SessionStore sessions, ActiveKeys keys, JouleConfig config) {
        this.sessions = sessions;
        this.keys = keys;
        this.config = config;
    }

    @Override
    public Class<SessionAuthenticationRequest> getRequestType() {
        return SessionAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionAuthenticationRequest request, AuthenticationRequestContext context) {
        var session = sessions.find(request.token()).orElse(null);
        if (session == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown or expired session"));
        }
        if (session.configAdmin()) {
            boolean stillAdmin = config.adminKey().filter(admin -> !admin.isBlank() && KeyHash.of(admin).equals(session.keyHash())).isPresent();
            if (!stillAdmin) {
                sessions.close(request.token());
                return Uni.createFrom().failure(new AuthenticationFailedException("the admin key changed"));
            }
            return Uni.createFrom().item(ApiKeyIdentityProvider.identity("admin", Role.ADMIN.code(), null));
        }
        return keys.find(session.keyHash())
                .onItem().ifNull().failWith(() -> {
                    sessions.close(request.token());
                    return new AuthenticationFailedException("the session's API key was revoked");
                })
                .map(ApiKeyIdentityProvider::identity);
    }
}
