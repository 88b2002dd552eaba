package org.sealedbox.plugins.measures;

import com.google.inject.AbstractModule;
import java.util.List;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/** Measure {@code drift}: ‖θ − θ₀‖ / ‖θ₀‖ per agent over all its weights, θ₀ the pretrained weights; mean over agents. */
public final class Drift implements Measure {
    @Override
    public double measure(PopulationView pop, World world) {
        return org.sealedbox.runtime.spi.Drift.relative(pop, false).meanNumber().doubleValue();
    }

    public static final class Factory implements MeasureFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MEASURE, "drift",
                "distance of the weights from the pretrained ones, relative to their norm, mean over agents", List.of());

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Measure create(ParamValues params) {
            return new Drift();
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.measures(binder()).addBinding("drift").toInstance(new Factory());
        }
    }
}
