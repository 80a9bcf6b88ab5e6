package io.joule.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem detail, with the offending fields or lines in {@code errors}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<ProblemError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    static final int MAX_DETAIL = 1_000;

    public Problem {
        detail = bounded(detail, MAX_DETAIL);
        instance = bounded(instance, MAX_DETAIL);
    }

    static String bounded(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
