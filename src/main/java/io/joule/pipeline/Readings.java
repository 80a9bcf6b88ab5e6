package io.joule.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Operations on time-sorted reading lists. */
public final class Readings {
    private Readings() {
    }

    /** Both lists sorted with distinct times; where a time is in both, the newer reading wins. */
    public static List<Reading> merge(List<Reading> older, List<Reading> newer) {
        if (older.isEmpty()) {
            return newer;
        }
        List<Reading> out = new ArrayList<>(older.size() + newer.size());
        int i = 0;
        int j = 0;
        while (i < older.size() || j < newer.size()) {
            if (j == newer.size()) {
                out.add(older.get(i++));
            } else if (i == older.size()) {
                out.add(newer.get(j++));
            } else {
                int order = older.get(i).time().compareTo(newer.get(j).time());
                if (order < 0) {
                    out.add(older.get(i++));
                } else {
                    if (order == 0) {
                        i++;
                    }
                    out.add(newer.get(j++));
                }
            }
        }
        return out;
    }

    /** The readings (a mutable list) in time order: sorted in place only when some reading precedes an earlier one. */
    public static List<Reading> inTimeOrder(List<Reading> readings) {
        for (int i = 1; i < readings.size(); i++) {
            if (readings.get(i).time().isBefore(readings.get(i - 1).time())) {
                readings.sort(Comparator.comparing(Reading::time));
                break;
            }
        }
        return readings;
    }
}
