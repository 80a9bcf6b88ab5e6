package io.joule.ship;

import java.time.Instant;
import java.util.List;

/**
 * The answer to GET /data: one page of a ship's 15-minute kWh. {@code next} is the URL of the
 * following page, or null on the last one.
 */
public record ShipUsage(long spaceshipId, String units, List<Point> data, String next) {

    public record Point(Instant datetime, double value) {
    }

    public ShipUsage withNext(String nextPage) {
        return new ShipUsage(spaceshipId, units, data, nextPage);
    }
}
