package io.joule.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RefusedAcceptRangesTest {

    @Test
    void rangesWeightedZeroAreDroppedAndTheOthersKeptAsWritten() {
        assertEquals(List.of("*/*"), RefusedAcceptRanges.wanted("text/csv;q=0, */*"));
        assertEquals(List.of("text/csv;q=0.5", "application/json; Q=1"), RefusedAcceptRanges.wanted("text/csv;q=0.5, application/json; Q=1"));
        assertEquals(List.of("text/csv"), RefusedAcceptRanges.wanted("application/json;q=0.000,text/csv, */*;charset=x;q=0"));
        assertEquals(List.of(), RefusedAcceptRanges.wanted("application/json;q=0, text/csv;Q=0.0"));
        assertEquals(List.of("text/csv;q=zero"), RefusedAcceptRanges.wanted("text/csv;q=zero"));
    }
}
