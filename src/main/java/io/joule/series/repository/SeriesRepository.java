package io.joule.series.repository;

import io.joule.series.Series;
import io.joule.series.SeriesKind;
import io.joule.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SeriesRepository implements PanacheRepository<Series> {

    public Uni<Series> findByKindAndKey(SeriesKind kind, String key) {
        return find("kind = ?1 and key = ?2", kind.code(), key).firstResult();
    }

    /** The series in a session of its own, or a 404 problem saying {@code missing}. */
    public Uni<Series> require(SeriesKind kind, String key, String missing) {
        return Panache.withSession(() -> findByKindAndKey(kind, key))
                .onItem().ifNull().failWith(() -> ProblemException.notFound(missing));
    }
}
