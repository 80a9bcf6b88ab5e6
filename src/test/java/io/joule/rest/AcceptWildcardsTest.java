package io.joule.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AcceptWildcardsTest {
    static final String[] JSON_AND_CSV = {"application/json", "text/csv"};

    @Test
    void aWildcardSubtypeBecomesTheProducedTypeOfThatKindKeepingItsParameters() {
        assertEquals("application/json", AcceptWildcards.resolved("application/*", JSON_AND_CSV));
        assertEquals("text/csv;q=0.5", AcceptWildcards.resolved("text/*;q=0.5", JSON_AND_CSV));
        assertEquals("text/csv", AcceptWildcards.resolved("Text/*", JSON_AND_CSV));
    }

    @Test
    void everythingElseIsLeftAsItWas() {
        assertEquals("*/*", AcceptWildcards.resolved("*/*", JSON_AND_CSV));
        assertEquals("image/*", AcceptWildcards.resolved("image/*", JSON_AND_CSV));
        assertEquals("application/xml", AcceptWildcards.resolved("application/xml", JSON_AND_CSV));
        assertEquals("text/csv;q=0.9", AcceptWildcards.resolved("text/csv;q=0.9", JSON_AND_CSV));
    }

    @Test
    void onlyTypeWildcardsAreSeen() {
        assertTrue(AcceptWildcards.hasWildcardSubtype("application/json, text/*;q=0.1"));
        assertTrue(AcceptWildcards.hasWildcardSubtype("*/*, application/*"));
        assertFalse(AcceptWildcards.hasWildcardSubtype("*/*"));
        assertFalse(AcceptWildcards.hasWildcardSubtype("text/csv, application/json;q=0.5"));
        assertFalse(AcceptWildcards.hasWildcardSubtype("/*"));
    }
}
