package io.joule.auth.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.joule.auth.Role;
import io.joule.problem.JsonBody;
import io.joule.problem.ProblemError;
import io.joule.problem.ProblemException;
import io.joule.user.AppUser;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Validates {@code {"role", "subject"}}: a device key names one series, other roles none. */
final class ApiKeyRequestParser {
    static final Pattern DEVICE_SUBJECT = Pattern.compile("^(ship:[1-9][0-9]{0,18}|(meter|sensor|asset):[A-Za-z0-9_.:-]{1,200})$");

    record Request(Role role, String subject) {
    }

    private ApiKeyRequestParser() {
    }

    static Request parse(byte[] body) {
        JsonNode root = JsonBody.small(body);
        if (!root.isObject()) {
            throw refuse("", "the body must be a JSON object {\"role\", \"subject\"}");
        }
        JsonNode roleNode = root.get("role");
        Role role = roleNode != null && roleNode.isTextual() ? Role.byCode(roleNode.asText()).orElse(null) : null;
        if (role == null) {
            throw refuse("/role", "required: one of admin, coordinator, device, user");
        }
        JsonNode subjectNode = root.get("subject");
        String subject = subjectNode == null || subjectNode.isNull() ? null : subjectNode.isTextual() ? subjectNode.asText() : "";
        switch (role) {
            case DEVICE -> {
                if (subject == null || !DEVICE_SUBJECT.matcher(subject).matches()) {
                    throw refuse("/subject", "a device key needs the one series it serves, e.g. ship:42 or sensor:5f1efd8e");
                }
                if (subject.startsWith("ship:") && !isLong(subject.substring("ship:".length()))) {
                    throw refuse("/subject", "no ship has that id: a spaceship_id is at most " + Long.MAX_VALUE);
                }
            }
            case USER -> {
                UUID user = userId(subject);
                if (user == null) {
                    throw refuse("/subject", "a user key names its user: user:<user_id>, the id POST /users answered");
                }
                subject = AppUser.subject(user); // one spelling of the id, as the key's checks compare it
            }
            default -> {
                if (subject != null) {
                    throw refuse("/subject", (role == Role.ADMIN ? "an " : "a ") + role.code() + " key has no subject; it is not scoped to one series");
                }
            }
        }
        return new Request(role, subject);
    }

    /** The user a user key's subject names, or null when it names none ({@code user:} and the id as POST /users gives it). */
    private static UUID userId(String subject) {
        if (subject == null || !subject.startsWith("user:") || subject.length() != "user:".length() + 36) {
            return null;
        }
        try {
            UUID id = UUID.fromString(subject.substring("user:".length()));
            return AppUser.subject(id).equalsIgnoreCase(subject) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isLong(String digits) {
        try {
            Long.parseLong(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static ProblemException refuse(String pointer, String detail) {
        return ProblemException.badRequest("Invalid API key request", List.of(ProblemError.at(pointer, detail)));
    }
}
