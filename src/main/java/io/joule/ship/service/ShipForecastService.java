package io.joule.ship.service;

import io.joule.config.JouleConfig;
import io.joule.forecast.Forecast;
import io.joule.forecast.SeasonalTrendForecaster;
import io.joule.pipeline.TimeRange;
import io.joule.problem.ProblemException;
import io.joule.series.SeriesKind;
import io.joule.series.repository.SeriesRepository;
import io.joule.ship.ShipForecast;
import io.joule.timeseries.RollupStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import io.joule.time.Zones;
import java.time.ZoneId;

@ApplicationScoped
public class ShipForecastService {
    private final SeriesRepository series;
    private final RollupStore rollups;
    private final Pool pool;
    private final JouleConfig config;

    public ShipForecastService(SeriesRepository series, RollupStore rollups, Pool pool, JouleConfig config) {
        this.series = series;
        this.rollups = rollups;
        this.pool = pool;
        this.config = config;
    }

    /** Fits on the hourly rollups of the history before the window, then forecasts the window's energy. */
    public Uni<ShipForecast> forecast(long spaceshipId, TimeRange window) {
        TimeRange history = new TimeRange(window.from().minus(Duration.ofDays(config.forecastHistoryDays())), window.from());
        return series.require(SeriesKind.SHIP, Long.toString(spaceshipId), "No data for spaceship " + spaceshipId)
                .flatMap(s -> rollups.hourly(pool, s.id, history).map(hours -> {
                    if (hours.size() < SeasonalTrendForecaster.MIN_HISTORY_HOURS) {
                        throw new ProblemException(422, "Unprocessable Content", String.format(
                                "A forecast needs at least 2 days (%d hours) of data in the %d days before start; spaceship %d has %d",
                                SeasonalTrendForecaster.MIN_HISTORY_HOURS, config.forecastHistoryDays(), spaceshipId, hours.size()), null);
                    }
                    Forecast f = SeasonalTrendForecaster.forecast(hours, Zones.canonical(ZoneId.of(s.zone)), window.from(), window.to());
                    return new ShipForecast(window.from(), f.expected(), f.low(), f.high(), f.model(), f.historyDays());
                }));
    }
}
