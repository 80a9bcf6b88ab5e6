package io.joule.ship.rest;

import io.joule.csv.CsvBodyWriter;
import io.joule.timeseries.DailyRollup;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** GET /ships/{id}/daily as CSV, with the JSON's columns (their names already carry kWh). */
@Provider
@Produces(CsvBodyWriter.TEXT_CSV)
public class ShipDailyCsvWriter extends CsvBodyWriter<List<DailyRollup>> {

    public ShipDailyCsvWriter() {
        super(List.class, DailyRollup.class);
    }

    @Override
    protected void write(List<DailyRollup> days, Rows csv) {
        csv.header("date", "start", "end", "energy_kwh", "min_kwh", "max_kwh", "avg_kwh", "slots");
        for (DailyRollup d : days) {
            csv.row(d.date(), d.start(), d.end(), d.energyKwh(), d.minKwh(), d.maxKwh(), d.avgKwh(), d.slots());
        }
    }
}
