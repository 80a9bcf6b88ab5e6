package io.joule.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Hours laid out for one profile: each hour's category, its time in days since the history's
 * first hour, and a value — the energy for history, the fraction of the hour inside the window
 * for a forecast window.
 */
record ProfileHours(int categories, int[] category, double[] days, double[] values) {
    private static final double HOURS_PER_DAY = 24;

    int size() {
        return values.length;
    }

    static ProfileHours history(List<HourlyEnergy> history, ZoneId zone, Instant origin, Profile profile) {
        int n = history.size();
        int[] category = new int[n];
        double[] days = new double[n];
        double[] kwh = new double[n];
        for (int i = 0; i < n; i++) {
            Instant hour = history.get(i).hour();
            category[i] = profile.category.applyAsInt(hour.atZone(zone));
            days[i] = days(origin, hour);
            kwh[i] = history.get(i).kwh();
        }
        return new ProfileHours(profile.categories, category, days, kwh);
    }

    /** The hours overlapping [start, end), partial hours weighted by the fraction inside. */
    static ProfileHours window(Instant start, Instant end, ZoneId zone, Instant origin, Profile profile) {
        Instant first = start.truncatedTo(ChronoUnit.HOURS);
        int n = (int) Duration.between(first, end.minusNanos(1)).toHours() + 1;
        int[] category = new int[n];
        double[] days = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            Instant h = first.plus(i, ChronoUnit.HOURS);
            Instant from = h.isBefore(start) ? start : h;
            Instant to = h.plus(1, ChronoUnit.HOURS).isAfter(end) ? end : h.plus(1, ChronoUnit.HOURS);
            category[i] = profile.category.applyAsInt(h.atZone(zone));
            days[i] = days(origin, h);
            weights[i] = Duration.between(from, to).toNanos() / 3.6e12;
        }
        return new ProfileHours(profile.categories, category, days, weights);
    }

    private static double days(Instant origin, Instant hour) {
        return Duration.between(origin, hour).toHours() / HOURS_PER_DAY;
    }
}
