package io.joule.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem detail, with the offending fields or lines in {@code errors}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<ProblemError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
