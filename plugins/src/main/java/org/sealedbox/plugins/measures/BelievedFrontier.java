package org.sealedbox.plugins.measures;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Measure {@code believed_frontier}: how many new fields an agent believes it has mastered, by its own
 * confidence plugin; mean over agents. The gap to {@code frontier} is self-deception.
 */
public final class BelievedFrontier implements Measure {
    @Override
    public double measure(PopulationView pop, World world) {
        INDArray believed = pop.confidence().believesMastered(pop.confidence().fieldConfidence(pop.exposure(), world))
                .castTo(DataType.DOUBLE);
        return believed.mmul(Accuracy.select("new", world).reshape(world.fields(), 1)).meanNumber().doubleValue();
    }

    public static final class Factory implements MeasureFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MEASURE, "believed_frontier",
                "new fields the agents believe they have mastered (their confidence), mean over agents", List.of());

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Measure create(ParamValues params) {
            return new BelievedFrontier();
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.measures(binder()).addBinding("believed_frontier").toInstance(new Factory());
        }
    }
}
