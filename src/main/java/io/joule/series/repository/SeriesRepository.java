package io.joule.series.repository;

import io.joule.series.Series;
import io.joule.series.SeriesKind;
import io.joule.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

@ApplicationScoped
public class SeriesRepository implements PanacheRepository<Series> {
    /** Bound on remembered series; past it the memory starts afresh. */
    static final int MAX_REMEMBERED = 100_000;
    private static final String FIND = """
            select id, kind, key, zone, quantity, sampling, extract(epoch from max_gap)::bigint
            from series where kind = $1 and key = $2""";

    /** A series' row never changes once written (its zone, quantity and sampling are its first write's), nor goes away. */
    private final ConcurrentHashMap<String, Series> known = new ConcurrentHashMap<>();
    private final Pool pool;

    public SeriesRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Series> findByKindAndKey(SeriesKind kind, String key) {
        return find("kind = ?1 and key = ?2", kind.code(), key).firstResult();
    }

    /**
     * The series, or a 404 problem saying {@code missing}: from memory after the first time, else one prepared query
     * (no Hibernate session on the read paths).
     */
    public Uni<Series> require(SeriesKind kind, String key, String missing) {
        String id = kind.code() + '\u0000' + key;
        Series remembered = known.get(id);
        if (remembered != null) {
            return Uni.createFrom().item(remembered);
        }
        return pool.preparedQuery(FIND).execute(Tuple.of(kind.code(), key)).map(rows -> {
            Iterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Series s = read(it.next());
            if (known.size() >= MAX_REMEMBERED) {
                known.clear();
            }
            known.put(id, s);
            return s;
        }).onItem().ifNull().failWith(() -> ProblemException.notFound(missing));
    }

    private static Series read(Row r) {
        Series s = new Series();
        s.id = r.getLong(0);
        s.kind = r.getString(1);
        s.key = r.getString(2);
        s.zone = r.getString(3);
        s.quantity = r.getString(4);
        s.sampling = r.getString(5);
        s.maxGapSeconds = r.getLong(6);
        return s;
    }
}
