package io.joule.ship.rest;

import io.joule.csv.CsvBodyWriter;
import io.joule.ship.ShipUsage;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ext.Provider;

/** GET /data as CSV: {@code datetime,value_kwh}, one slot a row; the next page is only in the Link header. */
@Provider
@Produces(CsvBodyWriter.TEXT_CSV)
public class ShipUsageCsvWriter extends CsvBodyWriter<ShipUsage> {

    public ShipUsageCsvWriter() {
        super(ShipUsage.class);
    }

    @Override
    protected void write(ShipUsage usage, Rows csv) {
        csv.header("datetime", "value_kwh");
        for (ShipUsage.Point point : usage.data()) {
            csv.row(point.datetime(), point.value());
        }
    }
}
