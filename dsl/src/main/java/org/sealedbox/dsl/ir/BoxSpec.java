package org.sealedbox.dsl.ir;

/**
 * The box's clock and seed.
 *
 * @param ticks        how many ticks the box runs
 * @param tickHours    the box time one tick stands for, in hours
 * @param displayUnit  the unit the duration was written in, used for progress and reports ("year 412/1000")
 * @param displayHours the hours in one display unit
 * @param checkpointTicks how many ticks between checkpoints of the full state ({@code 0}: none)
 */
public record BoxSpec(long ticks, double tickHours, long seed, String displayUnit, double displayHours, long checkpointTicks) {
    public BoxSpec(long ticks, double tickHours, long seed, String displayUnit, double displayHours) {
        this(ticks, tickHours, seed, displayUnit, displayHours, 0);
    }

    public BoxSpec withSeed(long s) {
        return new BoxSpec(ticks, tickHours, s, displayUnit, displayHours, checkpointTicks);
    }

    /** Box time after {@code tick} ticks, in display units. */
    public double time(long tick) {
        // rounded to 1e-9 of a unit so that 1080 monthly ticks read as year 90, not 90.00000000000001
        return Math.round(tick * tickHours / displayHours * 1e9) / 1e9;
    }

    public double duration() {
        return time(ticks);
    }
}
