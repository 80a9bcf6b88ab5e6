package io.joule.auth.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.joule.auth.Role;
import io.joule.problem.JsonBody;
import io.joule.problem.ProblemError;
import io.joule.problem.ProblemException;
import java.util.List;
import java.util.regex.Pattern;

/** Validates {@code {"role", "subject"}}: a device key names one series, other roles none. */
final class ApiKeyRequestParser {
    static final Pattern DEVICE_SUBJECT = Pattern.compile("^(ship:[1-9][0-9]{0,18}|(meter|sensor|asset):[A-Za-z0-9_.:-]{1,200})$");
    static final Pattern USER_SUBJECT = Pattern.compile("^user:[A-Za-z0-9_.-]{1,64}$");

    record Request(Role role, String subject) {
    }

    private ApiKeyRequestParser() {
    }

    static Request parse(byte[] body) {
        JsonNode root = JsonBody.tree(body);
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
                if (subject != null && !USER_SUBJECT.matcher(subject).matches()) {
                    throw refuse("/subject", "a user subject looks like user:alice");
                }
            }
            default -> {
                if (subject != null) {
                    throw refuse("/subject", "a " + role.code() + " key has no subject; it is not scoped to one series");
                }
            }
        }
        return new Request(role, subject);
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
