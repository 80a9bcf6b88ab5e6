package io.joule.series;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.Formula;

/** A registered series (SPEC §1): kind and key identify it; the rest drives its arithmetic. */
@Entity
@Table(name = "series")
public class Series extends PanacheEntityBase {
    // Rows are created by the write path's SQL upsert, inside the write's transaction.
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(columnDefinition = "text")
    public String kind;

    @Column(columnDefinition = "text")
    public String key;

    @Column(columnDefinition = "text")
    public String zone;

    @Column(columnDefinition = "text")
    public String quantity;

    @Column(columnDefinition = "text")
    public String sampling;

    /** Read as seconds: the reactive driver cannot hand Hibernate a PostgreSQL interval. */
    @Formula("cast(date_part('epoch', max_gap) as bigint)")
    public long maxGapSeconds;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
