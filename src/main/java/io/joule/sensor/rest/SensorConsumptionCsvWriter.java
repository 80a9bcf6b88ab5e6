package io.joule.sensor.rest;

import io.joule.csv.CsvBodyWriter;
import io.joule.sensor.SensorConsumption;
import io.joule.sensor.SensorDay;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ext.Provider;

/** GET /sensors/{id}/consumption as CSV: {@code date,start,end,consumption_<unit>}, the unit being the sensor's (cm by default). */
@Provider
@Produces(CsvBodyWriter.TEXT_CSV)
public class SensorConsumptionCsvWriter extends CsvBodyWriter<SensorConsumption> {

    public SensorConsumptionCsvWriter() {
        super(SensorConsumption.class);
    }

    @Override
    protected void write(SensorConsumption consumption, Rows csv) {
        csv.header("date", "start", "end", "consumption_" + consumption.unit());
        for (SensorDay d : consumption.days()) {
            csv.row(d.date(), d.start(), d.end(), d.consumption());
        }
    }
}
