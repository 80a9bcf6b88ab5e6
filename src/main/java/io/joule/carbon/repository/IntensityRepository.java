package io.joule.carbon.repository;

import static io.joule.time.Timestamps.utc;

import io.joule.carbon.IntensityPeriod;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class IntensityRepository {

    /** A later import replaces both values: a period's forecast and actual are whatever the latest import said. */
    private static final String UPSERT = """
            insert into grid_intensity (region, period_start, period_end, forecast, actual, intensity_index)
            select $1, f, t, fc, ac, ix from unnest($2::timestamptz[], $3::timestamptz[], $4::float8[], $5::float8[], $6::text[]) as p(f, t, fc, ac, ix)
            on conflict (region, period_start) do update
            set forecast = coalesce(excluded.forecast, grid_intensity.forecast),
                actual = coalesce(excluded.actual, grid_intensity.actual),
                intensity_index = coalesce(excluded.intensity_index, grid_intensity.intensity_index)
            """;

    private static final String BETWEEN = """
            select period_start, period_end, forecast, actual, intensity_index from grid_intensity
            where region = $1 and period_start >= $2 and period_start < $3 order by period_start
            """;

    private final Pool pool;

    public IntensityRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> upsert(String region, List<IntensityPeriod> periods) {
        int n = periods.size();
        OffsetDateTime[] from = new OffsetDateTime[n];
        OffsetDateTime[] to = new OffsetDateTime[n];
        Double[] forecast = new Double[n];
        Double[] actual = new Double[n];
        String[] index = new String[n];
        for (int i = 0; i < n; i++) {
            IntensityPeriod p = periods.get(i);
            from[i] = utc(p.from());
            to[i] = utc(p.to());
            forecast[i] = p.forecast();
            actual[i] = p.actual();
            index[i] = p.index();
        }
        return pool.preparedQuery(UPSERT).execute(Tuple.of(region, from, to, forecast, actual, index)).replaceWithVoid();
    }

    /** The periods starting in [from, to), by start. */
    public Uni<Map<Instant, IntensityPeriod>> between(String region, Instant from, Instant to) {
        return pool.preparedQuery(BETWEEN).execute(Tuple.of(region, utc(from), utc(to))).map(rows -> {
            Map<Instant, IntensityPeriod> out = new HashMap<>();
            rows.forEach(r -> out.put(r.getOffsetDateTime(0).toInstant(), new IntensityPeriod(r.getOffsetDateTime(0).toInstant(),
                    r.getOffsetDateTime(1).toInstant(), r.getDouble(2), r.getDouble(3), r.getString(4))));
            return out;
        });
    }
}
