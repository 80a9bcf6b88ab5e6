package io.joule.dashboard.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The session cookie's attributes; over plain http DashboardSessionTest sees the same header end to end. */
class SessionCookieTest {

    @Test
    void httpsAddsSecure() {
        assertEquals("joule_session=t0k; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict; Secure",
                DashboardSessionResource.cookie("t0k", 43200, true));
    }

    @Test
    void plainHttpCannotKeepASecureCookieSoGetsNone() {
        assertEquals("joule_session=t0k; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict",
                DashboardSessionResource.cookie("t0k", 43200, false));
    }

    @Test
    void signOutExpiresTheCookieAtOnce() {
        assertEquals("joule_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure", DashboardSessionResource.cookie("", 0, true));
    }
}
