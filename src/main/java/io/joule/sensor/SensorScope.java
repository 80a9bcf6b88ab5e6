package io.joule.sensor;

import io.joule.auth.Role;
import io.joule.auth.security.ApiKeyIdentityProvider;
import io.joule.problem.ProblemException;
import io.joule.series.SeriesKind;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.UUID;

/**
 * Which sensors a caller may see: admins and coordinators all, a user the sensors linked to
 * them, a sensor's device key that sensor. Anything else it asks about is "not found".
 */
public record SensorScope(boolean all, UUID owner, String sensorId) {

    public static SensorScope of(SecurityIdentity caller) {
        if (caller.hasRole(Role.ADMIN.code()) || caller.hasRole(Role.COORDINATOR.code())) {
            return new SensorScope(true, null, null);
        }
        String subject = caller.getAttribute(ApiKeyIdentityProvider.SUBJECT);
        if (caller.hasRole(Role.USER.code())) {
            return new SensorScope(false, userId(subject), null);
        }
        String prefix = SeriesKind.SENSOR.code() + ":";
        if (caller.hasRole(Role.DEVICE.code()) && subject != null && subject.startsWith(prefix)) {
            return new SensorScope(false, null, subject.substring(prefix.length()));
        }
        throw ProblemException.forbidden("This API key may not read sensors");
    }

    /** The user behind a user key; a user key issued without a subject owns nothing. */
    public static UUID userId(String subject) {
        if (subject != null && subject.startsWith("user:")) {
            try {
                return UUID.fromString(subject.substring("user:".length()));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
