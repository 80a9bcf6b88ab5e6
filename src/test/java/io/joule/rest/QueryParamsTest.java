package io.joule.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.joule.problem.ProblemException;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void numbersAreAsciiDigitsOnly() {
        assertEquals(42L, QueryParams.positiveLong("spaceship_id", "42"));
        assertEquals(42L, QueryParams.positiveLong("spaceship_id", " +42 "));
        // Arabic-Indic and full-width digits read as 42 by Long.parseLong: another spelling of the same ship
        for (String other : new String[] {"\u0664\u0662", "\uff14\uff12", "4\u0662"}) {
            ProblemException refused = assertThrows(ProblemException.class, () -> QueryParams.positiveLong("spaceship_id", other));
            assertEquals(400, refused.status(), other);
            assertThrows(ProblemException.class, () -> QueryParams.intBetween("count", other, 1, 100, 10), other);
        }
        assertEquals(42, QueryParams.intBetween("count", "42", 1, 100, 10));
        assertThrows(ProblemException.class, () -> QueryParams.positiveLong("spaceship_id", "+"));
    }
}
