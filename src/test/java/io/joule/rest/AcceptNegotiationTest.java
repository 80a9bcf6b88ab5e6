package io.joule.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AcceptNegotiationTest {
    static final String[] JSON_AND_CSV = {"application/json", "text/csv"};

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "application/*                                          | application/json",
        "text/*;q=0.5                                           | text/csv",
        "Text/*                                                 | text/csv",
        "text/csv;q=0, */*                                      | application/json",
        "text/csv; Q=0, application/*                           | application/json",
        "application/json;q=0, */*                              | text/csv",
        "application/json;q=0, application/*                    | none",
        "text/csv;q=0, text/*                                   | none",
        "application/json;q=0, text/csv;q=0                     | none",
        "application/json;q=0, text/csv;q=0.5, */*;q=0.1        | text/csv",
        "*/*;q=0, text/csv                                      | text/csv",
        "*/*;q=0.1, text/csv;q=0.5                              | text/csv",
        "text/*;q=0.5, application/json;q=0.5                   | application/json",
        "image/*, application/xml                               | none",
        "text/csv;q=zero, application/*;q=0.9                   | text/csv",
    })
    void eachProducedTypeTakesTheWeightOfItsMostSpecificRangeAndTheHighestAboveZeroWins(String accept, String expected) {
        assertEquals(expected, AcceptNegotiation.chosen(accept, JSON_AND_CSV));
    }

    @Test
    void aJsonOnlyEndpointRefusedByQ0HasNothingToAnswer() {
        assertEquals(null, AcceptNegotiation.chosen("application/json;q=0, */*", new String[] {"application/json"}));
        assertEquals("application/json", AcceptNegotiation.chosen("application/*;q=0.2", new String[] {"application/json"}));
    }

    @Test
    void onlyTypeWildcardsAreSeen() {
        assertTrue(AcceptNegotiation.hasWildcardSubtype("application/json, text/*;q=0.1"));
        assertTrue(AcceptNegotiation.hasWildcardSubtype("*/*, application/*"));
        assertFalse(AcceptNegotiation.hasWildcardSubtype("*/*"));
        assertFalse(AcceptNegotiation.hasWildcardSubtype("text/csv, application/json;q=0.5"));
        assertFalse(AcceptNegotiation.hasWildcardSubtype("/*"));
    }
}
