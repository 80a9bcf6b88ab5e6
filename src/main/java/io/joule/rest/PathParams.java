package io.joule.rest;

import io.joule.problem.ProblemException;
import java.time.LocalDate;

/** Path parameters, checked as {@link QueryParams} checks query parameters; a refusal says the parameter is in the path. */
public final class PathParams {
    private PathParams() {
    }

    public static long positiveLong(String name, String value) {
        try {
            return QueryParams.positiveLong(name, value);
        } catch (ProblemException e) {
            throw e.inPath();
        }
    }

    public static LocalDate date(String name, String value) {
        try {
            return QueryParams.date(name, value);
        } catch (ProblemException e) {
            throw e.inPath();
        }
    }

    public static ProblemException bad(String name, String detail) {
        return ProblemException.badParameter(name, detail).inPath();
    }
}
