package io.joule.ship.service;

import io.joule.pipeline.TimeRange;
import io.joule.series.SeriesKind;
import io.joule.series.repository.SeriesRepository;
import io.joule.timeseries.DailyRollup;
import io.joule.ship.TopUsers;
import io.joule.ship.repository.ShipRollupRepository;
import io.joule.timeseries.RollupStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.joule.time.Timestamps;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;

@ApplicationScoped
public class ShipRollupService {
    private final SeriesRepository series;
    private final ShipRollupRepository rollups;
    private final RollupStore seriesRollups;
    private final Pool pool;

    public ShipRollupService(SeriesRepository series, ShipRollupRepository rollups, RollupStore seriesRollups, Pool pool) {
        this.series = series;
        this.rollups = rollups;
        this.seriesRollups = seriesRollups;
        this.pool = pool;
    }

    public Uni<List<DailyRollup>> daily(long spaceshipId, LocalDate from, LocalDate to) {
        return series.require(SeriesKind.SHIP, Long.toString(spaceshipId), "No data for spaceship " + spaceshipId)
                .flatMap(s -> seriesRollups.daily(pool, s.id, java.time.ZoneId.of(s.zone), from, to));
    }

    /** With no start, the answer is dated by the first slot of any ship. */
    public Uni<TopUsers> top(TimeRange window, int count) {
        Uni<java.time.Instant> dated = window.from().equals(Timestamps.EARLIEST)
                ? rollups.firstSlot() : Uni.createFrom().item(window.from());
        return dated.flatMap(datetime -> seriesRollups.topShips(window, count).map(ships -> new TopUsers(datetime, ships)));
    }
}
