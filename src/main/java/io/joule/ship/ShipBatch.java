package io.joule.ship;

import io.joule.pipeline.Reading;
import io.joule.pipeline.Unit;
import java.util.List;

/** A validated POST /data batch: readings sorted by time, in kW or kWh. */
public record ShipBatch(long spaceshipId, Unit unit, List<Reading> readings) {
}
