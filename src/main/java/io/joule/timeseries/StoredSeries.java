package io.joule.timeseries;

import io.joule.pipeline.Quantity;
import io.joule.pipeline.SeriesProfile;

/** A series as the write path sees it once registered: its id and how its slots are computed. */
public record StoredSeries(long id, SeriesProfile profile) {

    public Quantity quantity() {
        return profile.quantity();
    }
}
