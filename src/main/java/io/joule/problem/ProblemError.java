package io.joule.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One offending input: a JSON pointer ({@code /data/1/datetime}), a query parameter, or a file line. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemError(String pointer, String parameter, Integer line, String detail) {
    /** Messages are built from client input in many places; this bound holds whatever one of them repeats. */
    static final int MAX_TEXT = 300;

    public ProblemError {
        pointer = Problem.bounded(pointer, MAX_TEXT);
        parameter = Problem.bounded(parameter, MAX_TEXT);
        detail = Problem.bounded(detail, MAX_TEXT);
    }

    public static ProblemError at(String pointer, String detail) {
        return new ProblemError(pointer, null, null, detail);
    }

    public static ProblemError parameter(String name, String detail) {
        return new ProblemError(null, name, null, detail);
    }

    public static ProblemError line(int line, String detail) {
        return new ProblemError(null, null, line, detail);
    }
}
