package org.sealedbox.runtime.box;

/** A population's weights became NaN or infinite: the run stops here, keeping everything measured so far. */
public final class Divergence extends RuntimeException {
    private final long tick;
    private final double time;
    private final String population;
    private final String plugin;
    private final java.util.List<String> measures;

    public Divergence(long tick, double time, String unit, String population, String plugin, String what) {
        this(String.format("diverged at tick %d (%s %.2f): %s of population `%s` after learner `%s`",
                tick, unit, time, what, population, plugin), tick, time, population, plugin, null);
    }

    private Divergence(String message, long tick, double time, String population, String plugin, java.util.List<String> measures) {
        super(message);
        this.tick = tick;
        this.time = time;
        this.population = population;
        this.plugin = plugin;
        this.measures = measures;
    }

    /** The same divergence, with the measures it left non-finite when they were taken at its tick. */
    public Divergence measured(java.util.List<String> nonFinite) {
        String m = nonFinite.isEmpty() ? "; every measure was still finite at that tick"
                : "; measures not finite then: " + String.join(", ", nonFinite);
        return new Divergence(getMessage() + m, tick, time, population, plugin, java.util.List.copyOf(nonFinite));
    }

    /** The measures that were NaN or infinite when taken at the divergence's tick (null before they were taken). */
    public java.util.List<String> measures() {
        return measures;
    }

    public long tick() {
        return tick;
    }

    public double time() {
        return time;
    }

    public String population() {
        return population;
    }

    public String plugin() {
        return plugin;
    }
}
