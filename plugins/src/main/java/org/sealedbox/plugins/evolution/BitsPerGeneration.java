package org.sealedbox.plugins.evolution;

import com.google.inject.AbstractModule;
import java.util.List;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Measure {@code bits_per_generation}: information gained about the truth per generation — the rise of the
 * population's mean fitness in bits (fields right: G × mean accuracy) since the previous measurement, divided by the
 * generations between them. 0 at the first measurement.
 */
public final class BitsPerGeneration implements Measure {
    private double lastBits = Double.NaN;
    private int lastGeneration;

    @Override
    public double measure(PopulationView pop, World world) {
        double bits = pop.effective().fieldErrors(world).accuracy().meanNumber().doubleValue() * world.fields();
        int generations = pop.generation() - lastGeneration;
        double rate = Double.isNaN(lastBits) || generations == 0 ? 0 : (bits - lastBits) / generations;
        lastBits = bits;
        lastGeneration = pop.generation();
        return rate;
    }

    public static final class Factory implements MeasureFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MEASURE, "bits_per_generation",
                "bits of the truth gained per generation since the previous measurement (mean fitness in bits)", List.of());

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Measure create(ParamValues params) {
            return new BitsPerGeneration();
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.measures(binder()).addBinding("bits_per_generation").toInstance(new Factory());
        }
    }
}
