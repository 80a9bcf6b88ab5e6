package io.joule.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reactive client's SQL as JDBC runs it: each $n a ?, bound in order of appearance, quoted text untouched. */
class JdbcTest {

    @Test
    void placeholdersBecomeQuestionMarksBoundInOrderOfAppearance() {
        List<Integer> order = new ArrayList<>();
        assertEquals("select ?, (?::date[])[b] from t where a = ? and b > ? and c = ?",
                Jdbc.positional("select $1, ($2::date[])[b] from t where a = $1 and b > $10 and c = $3", order));
        assertEquals(List.of(1, 2, 1, 10, 3), order);
    }

    @Test
    void dollarsInQuotesAndWithoutDigitsStay() {
        List<Integer> order = new ArrayList<>();
        assertEquals("select '$1 costs $', ?, $x from t", Jdbc.positional("select '$1 costs $', $2, $x from t", order));
        assertEquals(List.of(2), order);
    }
}
