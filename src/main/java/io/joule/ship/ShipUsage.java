package io.joule.ship;

import java.time.Instant;
import java.util.List;

/** The answer to GET /data: 15-minute kWh of one ship. */
public record ShipUsage(long spaceshipId, String units, List<Point> data) {

    public record Point(Instant datetime, double value) {
    }
}
