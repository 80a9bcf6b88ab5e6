package io.joule.carbon.service;

import io.joule.carbon.IngestedIntensity;
import io.joule.carbon.IntensityParser;
import io.joule.carbon.IntensityPeriod;
import io.joule.carbon.client.CarbonIntensityClient;
import io.joule.carbon.repository.IntensityRepository;
import io.joule.config.DatabaseConfig;
import io.joule.config.JouleConfig;
import io.joule.problem.DatabaseNoAnswer;
import io.joule.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

@ApplicationScoped
public class IntensityService {
    static final Duration MAX_REQUEST = Duration.ofDays(14);
    private static final DateTimeFormatter API_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private final IntensityRepository repository;
    private final CarbonIntensityClient client;
    private final Duration writeTimeout;
    private final Duration fetchDeadline;

    public IntensityService(IntensityRepository repository, @RestClient CarbonIntensityClient client, DatabaseConfig config,
            JouleConfig joule) {
        this.repository = repository;
        this.client = client;
        this.writeTimeout = config.writeTimeout();
        this.fetchDeadline = Duration.ofMillis(joule.carbonIntensity().fetchDeadlineMs());
    }

    public Uni<IngestedIntensity> store(String region, List<IntensityPeriod> periods, int requests) {
        if (periods.isEmpty()) {
            return Uni.createFrom().item(new IngestedIntensity(region, 0, null, null, requests));
        }
        Instant from = periods.stream().map(IntensityPeriod::from).min(Comparator.naturalOrder()).orElseThrow();
        Instant to = periods.stream().map(IntensityPeriod::to).max(Comparator.naturalOrder()).orElseThrow();
        return repository.upsert(region, periods).replaceWith(new IngestedIntensity(region, periods.size(), from, to, requests));
    }

    /**
     * Fetches [from, to) from the API in requests of at most 14 days, each retried twice on
     * failure, and stores the whole result only if every request succeeded.
     */
    public Uni<IngestedIntensity> fetch(String region, Instant from, Instant to) {
        List<Instant[]> windows = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(MAX_REQUEST)) {
            Instant end = start.plus(MAX_REQUEST).isBefore(to) ? start.plus(MAX_REQUEST) : to;
            windows.add(new Instant[] {start, end});
        }
        Uni<List<IntensityPeriod>> all = Uni.createFrom().item(new ArrayList<>());
        for (Instant[] w : windows) {
            all = all.flatMap(acc -> request(w[0], w[1]).map(periods -> {
                periods.stream().filter(p -> !p.from().isBefore(from) && p.from().isBefore(to)).forEach(acc::add);
                return acc;
            }));
        }
        // each request has its own timeout; the whole chain has a deadline too, or a slow API (a year is 27 requests)
        // outlasted the connection's idle timeout and the client got no answer at all
        Uni<List<IntensityPeriod>> fetched = all.ifNoItem().after(fetchDeadline).failWith(() -> new ProblemException(504, "Gateway Timeout",
                String.format("The Carbon Intensity API did not answer the %d requests of this fetch within %d s; nothing was stored. "
                        + "Fetch fewer days at a time", windows.size(), fetchDeadline.toSeconds()), null));
        return fetched.flatMap(periods -> DatabaseNoAnswer.within(store(region, dedupe(periods), windows.size()), writeTimeout));
    }

    private Uni<List<IntensityPeriod>> request(Instant from, Instant to) {
        return client.intensity(API_TIME.format(from), API_TIME.format(to))
                .onFailure().retry().withBackOff(Duration.ofMillis(200)).atMost(2)
                .onFailure().transform(IntensityService::upstream)
                .map(body -> {
                    try {
                        return IntensityParser.parse(body);
                    } catch (ProblemException unreadable) {
                        throw new ProblemException(502, "Bad Gateway", "The Carbon Intensity API answered data Joule cannot read: "
                                + unreadable.getMessage(), unreadable.errors());
                    }
                });
    }

    private static Throwable upstream(Throwable failure) {
        String message = failure instanceof WebApplicationException web
                ? "HTTP " + web.getResponse().getStatus() + ": " + body(web)
                : failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        Log.warnf("Carbon Intensity API failed: %s", message);
        return new ProblemException(502, "Bad Gateway", "The Carbon Intensity API failed: " + message, null);
    }

    private static String body(WebApplicationException web) {
        try {
            String text = web.getResponse().readEntity(String.class);
            return text == null || text.isBlank() ? web.getMessage() : text.length() > 500 ? text.substring(0, 500) : text;
        } catch (RuntimeException e) {
            return web.getMessage();
        }
    }

    /** Adjacent requests share their edge period; keep one of each. */
    private static List<IntensityPeriod> dedupe(List<IntensityPeriod> periods) {
        java.util.Map<Instant, IntensityPeriod> byStart = new java.util.TreeMap<>();
        periods.forEach(p -> byStart.put(p.from(), p));
        return new ArrayList<>(byStart.values());
    }
}
