package io.joule.auth.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A dashboard session token, as read from its cookie. */
public class SessionAuthenticationRequest extends BaseAuthenticationRequest {
    private final String token;

    public SessionAuthenticationRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
