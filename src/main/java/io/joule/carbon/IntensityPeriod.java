package io.joule.carbon;

import java.time.Instant;

/** One half-hour of grid carbon intensity (gCO2/kWh); actual is null for future periods. */
public record IntensityPeriod(Instant from, Instant to, Double forecast, Double actual, String index) {

    /** The actual where known, else the forecast (SPEC §7); null with neither. */
    public Double value() {
        return actual != null ? actual : forecast;
    }
}
