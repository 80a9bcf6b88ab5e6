package io.joule.dashboard.rest;

import io.joule.auth.security.ApiKeyIdentityProvider;
import io.joule.auth.security.KeyHash;
import io.joule.auth.security.SameOrigin;
import io.joule.auth.security.SessionCookieMechanism;
import io.joule.auth.security.SessionStore;
import io.joule.config.JouleConfig;
import io.joule.dashboard.SessionView;
import io.joule.problem.ProblemException;
import io.joule.text.ClientText;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sign-in and sign-out of the browser dashboard: an API key for an HttpOnly session cookie. */
@Path("/dashboard/session")
@Tag(name = "Dashboard")
public class DashboardSessionResource {
    private final IdentityProviderManager identities;
    private final SessionStore sessions;
    private final JouleConfig config;
    private final SecurityIdentity caller;

    public DashboardSessionResource(IdentityProviderManager identities, SessionStore sessions, JouleConfig config, SecurityIdentity caller) {
        this.identities = identities;
        this.sessions = sessions;
        this.config = config;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in with an API key (form field api_key); sets the session cookie. Needs the X-Joule-Dashboard header.")
    public Uni<Response> signIn(byte[] body, @Context HttpServerRequest request) {
        requireOwnPage(request);
        String sent = apiKey(body);
        String key = sent.strip();
        if (key.isEmpty()) {
            throw ProblemException.badFormField("api_key", "An API key is required");
        }
        if (sent.chars().anyMatch(c -> ClientText.isControl((char) c) && c != '\t' && c != '\r' && c != '\n')) {
            // trimming took a NUL or U+001F at either end away, so "key\0" signed in as "key"
            throw ProblemException.badFormField("api_key", "has a control character; send the key as it was issued");
        }
        var credential = new TokenAuthenticationRequest(new TokenCredential(key, "form"));
        return identities.authenticate(credential)
                .onFailure(AuthenticationFailedException.class)
                .transform(e -> new ProblemException(401, "Unauthorized", "Unknown or revoked API key", null))
                .map(identity -> {
                    boolean configAdmin = config.adminKey().filter(admin -> !admin.isBlank() && KeyHash.sameKey(admin, key)).isPresent();
                    Cookie previous = request.getCookie(SessionCookieMechanism.COOKIE);
                    if (previous != null) {
                        sessions.close(previous.getValue()); // a sign-in never carries on an earlier session
                    }
                    String token = sessions.open(KeyHash.of(key), configAdmin);
                    Instant expires = sessions.find(token).orElseThrow().expires();
                    return Response.ok(view(identity, expires))
                            .header(HttpHeaders.SET_COOKIE, cookie(token, sessions.maxAge().toSeconds(), request))
                            .header(HttpHeaders.CACHE_CONTROL, "no-store")
                            .build();
                });
    }

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who the caller is signed in as")
    public Response whoAmI(@Context HttpServerRequest request) {
        Cookie cookie = request.getCookie(SessionCookieMechanism.COOKIE);
        Instant expires = cookie == null ? null : sessions.find(cookie.getValue()).map(SessionStore.Session::expires).orElse(null);
        return Response.ok(view(caller, expires)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @DELETE
    @Operation(summary = "Sign out: ends the session and clears its cookie")
    @APIResponse(responseCode = "204", description = "Signed out (also when there was no session); the cookie is cleared")
    public Response signOut(@Context HttpServerRequest request) {
        requireOwnPage(request);
        Cookie cookie = request.getCookie(SessionCookieMechanism.COOKIE);
        if (cookie != null) {
            sessions.close(cookie.getValue());
        }
        return Response.noContent().header(HttpHeaders.SET_COOKIE, cookie("", 0, request)).build();
    }

    /**
     * The form is read here rather than by the framework's form parser, which answers an over-long
     * field with a 500; the body limit still bounds it.
     */
    private static String apiKey(byte[] body) {
        String form = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        String key = null;
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("api_key")) {
                if (key != null) {
                    throw ProblemException.badFormField("api_key", "is given more than once; send one key");
                }
                try {
                    key = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badFormField("api_key", "is not form-encoded");
                }
            }
        }
        return key == null ? "" : key;
    }

    /** Sign-in and sign-out from another site's page are refused (login CSRF, forced sign-out). */
    private static void requireOwnPage(HttpServerRequest request) {
        if (!SameOrigin.allows(request)) {
            throw ProblemException.forbidden("Sign-in and sign-out are taken only from the dashboard's own page (header "
                    + SameOrigin.HEADER + ", same origin)");
        }
    }

    private static SessionView view(SecurityIdentity identity, Instant expires) {
        String role = identity.getRoles().stream().findFirst().orElse(null);
        return new SessionView(role, identity.getAttribute(ApiKeyIdentityProvider.SUBJECT), expires);
    }

    private static String cookie(String token, long maxAgeSeconds, HttpServerRequest request) {
        return cookie(token, maxAgeSeconds, "https".equalsIgnoreCase(request.scheme()));
    }

    /** Set by hand: HttpOnly and SameSite=Strict always, Secure when the page came over https. */
    static String cookie(String token, long maxAgeSeconds, boolean https) {
        return SessionCookieMechanism.COOKIE + "=" + token + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "");
    }
}
