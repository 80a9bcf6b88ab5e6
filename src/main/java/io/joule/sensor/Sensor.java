package io.joule.sensor;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A water level sensor; its readings are the series it names, its owner the user who linked it. */
@Entity
@Table(name = "sensor")
public class Sensor extends PanacheEntityBase {
    @Id
    @Column(columnDefinition = "text", name = "sensor_id")
    public String sensorId;

    @Column(name = "series_id")
    public long seriesId;

    @Column(columnDefinition = "text")
    public String unit;

    @Column(name = "owner_id")
    public UUID ownerId;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
