package org.sealedbox.plugins.measures;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Measure {@code pretraining_share}: the share of all the training signal an agent has had (examples × step
 * size, pretraining included) that came from human data; mean over agents.
 */
public final class PretrainingShare implements Measure {
    @Override
    public double measure(PopulationView pop, World world) {
        return pop.humanSignal().castTo(DataType.DOUBLE).div(pop.signal().castTo(DataType.DOUBLE)).meanNumber().doubleValue();
    }

    public static final class Factory implements MeasureFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MEASURE, "pretraining_share",
                "share of all training signal so far (examples × step size) that was human data, pretraining and replay included",
                List.of());

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Measure create(ParamValues params) {
            return new PretrainingShare();
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.measures(binder()).addBinding("pretraining_share").toInstance(new Factory());
        }
    }
}
