package io.joule.carbon.rest;

import io.joule.carbon.Footprint;
import io.joule.csv.CsvBodyWriter;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ext.Provider;

/**
 * The footprint as CSV: one row per half-hour with the JSON's half_hours fields; intensity is in
 * g CO₂/kWh. The day's total is left to the reader (the sum of footprint_g); unknown values are empty.
 */
@Provider
@Produces(CsvBodyWriter.TEXT_CSV)
public class FootprintCsvWriter extends CsvBodyWriter<Footprint> {

    public FootprintCsvWriter() {
        super(Footprint.class);
    }

    @Override
    protected void write(Footprint footprint, Rows csv) {
        csv.header("half_hour_id", "start", "end", "energy_kwh", "intensity_g_per_kwh", "intensity_type", "footprint_g");
        for (Footprint.HalfHour h : footprint.halfHours()) {
            csv.row(h.halfHourId(), h.start(), h.end(), h.energyKwh(), h.intensity(), h.intensityType(), h.footprintG());
        }
    }
}
