package io.joule.timeseries.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.series.SeriesKind;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which retention settings stop the start because they would change answers about the past. */
class ReadingRetentionSafetyTest {

    @Test
    void meterRetentionOnTimescaleDbIsRefusedWithTheSettingNamed() {
        assertEquals(Optional.of("joule.retention.readings.meter is not supported on TimescaleDB: meter daily statistics are "
                + "computed from the continuous aggregates and the raw readings, so deleting readings would change the "
                + "statistics of the days deleted. Remove the setting (JOULE_RETENTION_READINGS_METER)"),
                ReadingRetention.unsafe(SeriesKind.METER, "timescaledb"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"meter, postgresql", "ship, timescaledb", "sensor, timescaledb", "asset, timescaledb", "grid, timescaledb", "ship, postgresql"})
    void otherKindsAndTheRollupTablesKeepTheirStatistics(String kind, String implementation) {
        // Their statistics come from slots or rollup tables, which retention never deletes.
        assertTrue(ReadingRetention.unsafe(ReadingRetention.kind(kind), implementation).isEmpty());
    }
}
