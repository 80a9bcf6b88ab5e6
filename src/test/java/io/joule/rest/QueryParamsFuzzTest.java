package io.joule.rest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.joule.fuzz.Fuzz;
import io.joule.ship.SlotLabel;

/** Every query parameter parser (ids, counts, instants, ranges, dates, zones, choices): a value or a 400. */
class QueryParamsFuzzTest {
    @FuzzTest
    void parameter(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 7);
        String a = data.consumeBoolean() ? null : data.consumeString(64);
        String b = data.consumeBoolean() ? null : data.consumeRemainingAsString();
        Fuzz.refusesOnlyWith400(() -> {
            switch (which) {
                case 0 -> QueryParams.positiveLong("spaceship_id", a);
                case 1 -> QueryParams.range(a, b);
                case 2 -> QueryParams.intBetween("count", a, 1, 1000, 3);
                case 3 -> QueryParams.dates(a, b, 366);
                case 4 -> QueryParams.date("date", a);
                case 5 -> QueryParams.zone("zone", a);
                case 6 -> QueryParams.instant("start", a);
                default -> QueryParams.choice("label", a, SlotLabel.class, SlotLabel.START);
            }
        });
    }
}
