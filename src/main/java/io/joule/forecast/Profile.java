package io.joule.forecast;

import java.time.ZonedDateTime;
import java.util.function.ToIntFunction;

/** The seasonal categories a forecast can use, most detailed first. */
enum Profile {
    TIME_OF_WEEK("time-of-week", 168, t -> (t.getDayOfWeek().getValue() - 1) * 24 + t.getHour()),
    HOUR_OF_DAY("hour-of-day", 24, ZonedDateTime::getHour),
    FLAT(null, 1, t -> 0);

    final int categories;
    final ToIntFunction<ZonedDateTime> category;
    private final String name;

    Profile(String name, int categories, ToIntFunction<ZonedDateTime> category) {
        this.name = name;
        this.categories = categories;
        this.category = category;
    }

    /** Profile × trend is profile + trend when there is a single category, so a flat profile has one model only. */
    boolean hasMultiplicativeVariant() {
        return categories > 1;
    }

    String additiveLabel() {
        return name == null ? "mean + linear trend (OLS)" : name + " profile + linear trend (OLS)";
    }

    String multiplicativeLabel() {
        return name + " profile × linear trend (least squares)";
    }
}
