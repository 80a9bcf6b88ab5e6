package io.joule.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeClustersTest {

    @Test
    void timesWithinTheJoinDistanceShareAClusterInAnyOrder() {
        TimeClusters clusters = new TimeClusters(Duration.ofDays(1), 100);
        for (String t : List.of("2024-01-01T10:00:00Z", "2030-06-01T00:00:00Z", "2024-01-02T09:00:00Z", "2024-01-01T00:00:00Z",
                "2024-01-01T12:00:00Z", "2030-06-01T00:00:00Z")) {
            clusters.add(Instant.parse(t));
        }
        assertEquals(List.of(span("2024-01-01T00:00:00Z", "2024-01-02T09:00:00Z"), span("2030-06-01T00:00:00Z", "2030-06-01T00:00:00Z")),
                clusters.spans());
    }

    @Test
    void aTimeBetweenTwoClustersWithinReachOfBothJoinsThem() {
        TimeClusters clusters = new TimeClusters(Duration.ofHours(1), 100);
        clusters.add(Instant.parse("2024-01-01T00:00:00Z"));
        clusters.add(Instant.parse("2024-01-01T02:00:00Z"));
        assertEquals(2, clusters.spans().size());
        clusters.add(Instant.parse("2024-01-01T01:00:00Z"));
        assertEquals(List.of(span("2024-01-01T00:00:00Z", "2024-01-01T02:00:00Z")), clusters.spans());
    }

    @Test
    void pastMaxTheClosestClustersAreJoinedAndEveryTimeStaysCovered() {
        TimeClusters clusters = new TimeClusters(Duration.ofDays(2), 4);
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        List<Instant> added = new java.util.ArrayList<>();
        int[] gapsInDays = {365, 400, 500, 600};
        for (int run = 0; run < 5; run++) {
            for (int day = 0; day < 10; day++) {
                clusters.add(t.plus(Duration.ofDays(day)));
                added.add(t.plus(Duration.ofDays(day)));
            }
            t = t.plus(Duration.ofDays(run < 4 ? gapsInDays[run] : 0));
        }
        // five runs of ten days are five clusters, one past max: joined down to two, closing the three narrowest gaps
        List<TimeClusters.Span> spans = clusters.spans();
        assertEquals(List.of(new TimeClusters.Span(added.get(0), added.get(39)), new TimeClusters.Span(added.get(40), added.get(49))), spans);
        for (Instant a : added) {
            assertTrue(spans.stream().anyMatch(s -> !a.isBefore(s.first()) && !a.isAfter(s.last())), a + " is covered");
        }
    }

    private static TimeClusters.Span span(String first, String last) {
        return new TimeClusters.Span(Instant.parse(first), Instant.parse(last));
    }
}
