package io.joule.ship;

import java.time.Instant;

/** The answer to GET /forecast. */
public record ShipForecast(Instant datetime, double expectedConsumption, double low, double high, String model, int historyDays) {
}
