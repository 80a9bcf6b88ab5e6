package io.joule.meter.rest;

import io.joule.csv.CsvBodyWriter;
import io.joule.meter.DailyStat;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * GET /meters/{code}/daily-stats as CSV, with the JSON's columns. The unit differs by channel (kWh,
 * kvarh, V, ...), so it stays a column, {@code units}, rather than a suffix on min/max/avg.
 */
@Provider
@Produces(CsvBodyWriter.TEXT_CSV)
public class DailyStatCsvWriter extends CsvBodyWriter<List<DailyStat>> {

    public DailyStatCsvWriter() {
        super(List.class, DailyStat.class);
    }

    @Override
    protected void write(List<DailyStat> stats, Rows csv) {
        csv.header("date", "start", "end", "zone", "serial", "data_type", "period", "rate", "units", "plant_code",
                "min", "max", "avg", "count");
        for (DailyStat s : stats) {
            csv.row(s.date(), s.start(), s.end(), s.zone(), s.serial(), s.dataType(), s.period(), s.rate(), s.units(),
                    s.plantCode(), s.min(), s.max(), s.avg(), s.count());
        }
    }
}
