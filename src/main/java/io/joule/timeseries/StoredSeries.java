package io.joule.timeseries;

import io.joule.pipeline.Quantity;
import io.joule.pipeline.SeriesProfile;
import java.time.ZoneId;

/** A series as the write path sees it once registered: its id, zone and how its slots are computed. */
public record StoredSeries(long id, ZoneId zone, SeriesProfile profile) {

    public Quantity quantity() {
        return profile.quantity();
    }
}
