package io.joule.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FastDoubleJsonTest {

    @Test
    void doublesAreWrittenShortestAndReadBackTheSame() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        new FastDoubleJson().customize(mapper);
        // JDK 17's Double.toString writes 2.82879384806159008E17 and 9.999999999999999E22 for these.
        assertEquals("[2.82879384806159E17,1.0E23,0.002,3.0833333333333335]",
                mapper.writeValueAsString(new double[] {2.82879384806159E17, 1.0E23, 0.002, 3.0833333333333335}));
        assertEquals(1.0E23, mapper.readValue("1.0E23", double.class));
    }
}
