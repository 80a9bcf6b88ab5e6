package io.joule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler starts halted; a start that succeeded lets the jobs run. */
@QuarkusTest
class SchedulerStartTest {
    @Inject
    Scheduler scheduler;

    @Test
    void aSuccessfulStartResumesTheScheduledJobs() {
        assertTrue(scheduler.isRunning());
        assertEquals(List.of("io.joule.timeseries.service.AggregateRefresher#scheduled", "io.joule.timeseries.service.ReadingRetention#scheduled"),
                scheduler.getScheduledJobs().stream().map(t -> t.getMethodDescription()).sorted().toList());
    }
}
