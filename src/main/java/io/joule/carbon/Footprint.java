package io.joule.carbon;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An asset's half-hourly carbon footprint on a local day; nulls where energy or intensity is unknown. */
public record Footprint(String assetId, LocalDate date, String zone, String region, List<HalfHour> halfHours, Double totalG) {

    public record HalfHour(int halfHourId, Instant start, Instant end, Double energyKwh, Double intensity, String intensityType,
            Double footprintG) {
    }
}
