package org.sealedbox.dsl.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Units of box time. A year is the mean Gregorian year (365.2425 days) and a month a twelfth of it,
 * so that "1000 years at 1 month a tick" is exactly 12000 ticks. {@code tick} is relative to the box's tick.
 */
public final class TimeUnits {
    private TimeUnits() {}

    public static final double HOURS_PER_YEAR = 365.2425 * 24;
    private static final Map<String, Double> HOURS = new LinkedHashMap<>();

    static {
        HOURS.put("tick", Double.NaN);
        HOURS.put("hour", 1.0);
        HOURS.put("day", 24.0);
        HOURS.put("week", 168.0);
        HOURS.put("month", HOURS_PER_YEAR / 12);
        HOURS.put("year", HOURS_PER_YEAR);
    }

    /** {@code years} → {@code year}; unknown words are returned as they are. */
    public static String singular(String unit) {
        if (HOURS.containsKey(unit)) return unit;
        if (unit.endsWith("s") && HOURS.containsKey(unit.substring(0, unit.length() - 1))) {
            return unit.substring(0, unit.length() - 1);
        }
        return unit;
    }

    public static boolean known(String unit) {
        return HOURS.containsKey(singular(unit));
    }

    /** Hours in one unit; empty for {@code tick} (which depends on the box) and for unknown words. */
    public static Optional<Double> hours(String unit) {
        Double h = HOURS.get(singular(unit));
        return h == null || h.isNaN() ? Optional.empty() : Optional.of(h);
    }

    public static Set<String> names() {
        Set<String> all = new java.util.LinkedHashSet<>();
        for (String u : HOURS.keySet()) {
            all.add(u);
            all.add(u + "s");
        }
        return all;
    }
}
