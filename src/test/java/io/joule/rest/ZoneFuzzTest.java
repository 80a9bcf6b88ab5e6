package io.joule.rest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.joule.fuzz.Fuzz;
import java.time.DateTimeException;
import java.time.ZoneId;

/** Zones as the zone parameter and POST /sensors read them: a zone or a 400 (ZoneId.of's DateTimeException). */
class ZoneFuzzTest {
    @FuzzTest
    void zone(String text) {
        Fuzz.refusesOnlyWith400(() -> QueryParams.zone("zone", text));
        try {
            ZoneId.of(text == null ? "UTC" : text);
        } catch (DateTimeException e) {
            // POST /sensors answers 400
        }
    }
}
