package io.joule.ship;

import java.time.Instant;
import java.util.List;

/** The answer to GET /topusers: ships by consumption in the window, highest first. */
public record TopUsers(Instant datetime, List<Ship> ships) {

    public record Ship(long spaceshipId, double consumption) {
    }
}
