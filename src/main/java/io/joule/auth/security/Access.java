package io.joule.auth.security;

import io.joule.auth.Role;
import io.joule.problem.ProblemException;
import io.joule.series.SeriesKind;
import io.quarkus.security.identity.SecurityIdentity;

/** Series-level scope on top of the role checks of {@code @RolesAllowed}. */
public final class Access {
    private Access() {
    }

    /** Admins, and the device key of exactly this series, may write it. */
    public static void requireWrite(SecurityIdentity caller, SeriesKind kind, String key) {
        if (caller.hasRole(Role.ADMIN.code()) || ownsSeries(caller, kind, key)) {
            return;
        }
        throw ProblemException.forbidden("This API key may not write " + kind.subject(key));
    }

    /** Admins and coordinators read every series; a device key only its own. */
    public static void requireRead(SecurityIdentity caller, SeriesKind kind, String key) {
        if (caller.hasRole(Role.ADMIN.code()) || caller.hasRole(Role.COORDINATOR.code()) || ownsSeries(caller, kind, key)) {
            return;
        }
        throw ProblemException.forbidden("This API key may not read " + kind.subject(key));
    }

    private static boolean ownsSeries(SecurityIdentity caller, SeriesKind kind, String key) {
        return caller.hasRole(Role.DEVICE.code()) && kind.subject(key).equals(caller.getAttribute(ApiKeyIdentityProvider.SUBJECT));
    }
}
