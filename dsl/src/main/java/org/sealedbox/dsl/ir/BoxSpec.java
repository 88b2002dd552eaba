package org.sealedbox.dsl.ir;

/**
 * The box's clock and seed.
 *
 * @param ticks        how many ticks the box runs
 * @param tickHours    the box time one tick stands for, in hours
 * @param displayUnit  the unit the duration was written in, used for progress and reports ("year 412/1000")
 * @param displayHours the hours in one display unit
 */
public record BoxSpec(long ticks, double tickHours, long seed, String displayUnit, double displayHours) {
    public BoxSpec withSeed(long s) {
        return new BoxSpec(ticks, tickHours, s, displayUnit, displayHours);
    }

    /** Box time after {@code tick} ticks, in display units. */
    public double time(long tick) {
        return tick * tickHours / displayHours;
    }

    public double duration() {
        return time(ticks);
    }
}
