package io.joule.fuzz;

import io.joule.problem.ProblemException;

/** What every parser may do with bad input: refuse it with a 400 problem. Anything else is a finding. */
public final class Fuzz {
    private Fuzz() {
    }

    /** Runs the parser; a 400 {@link ProblemException} is the declared refusal, any other throwable escapes. */
    public static void refusesOnlyWith400(Runnable parser) {
        try {
            parser.run();
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw new AssertionError("refused with " + e.status() + ", not 400: " + e.getMessage(), e);
            }
        }
    }
}
