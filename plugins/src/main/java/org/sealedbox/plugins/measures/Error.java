package org.sealedbox.plugins.measures;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Measure {@code error(fields)}: the distance of the agents' model from the truth — mean squared error relative to
 * the truth's variance (1 − accuracy), averaged over the chosen fields and over agents. The test error of the
 * model-collapse literature.
 */
public final class Error implements Measure {
    private final Object fields;

    Error(Object fields) {
        this.fields = fields;
    }

    @Override
    public double measure(PopulationView pop, World world) {
        World.FieldErrors e = pop.effective().fieldErrors(world);
        INDArray relative = e.mse().divRowVector(e.variance()); // [N, F]
        INDArray mask = Accuracy.select(fields, world);
        double count = mask.sumNumber().doubleValue();
        return count == 0 ? Double.NaN : relative.mmul(mask.reshape(world.fields(), 1)).meanNumber().doubleValue() / count;
    }

    public static final class Factory implements MeasureFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MEASURE, "error",
                "mean squared error of the agents' beliefs relative to the truth's variance (1 − accuracy)",
                List.of(Accuracy.fieldsParam("all", "human, new, all, or a range lo..hi")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Measure create(ParamValues params) {
            return new Error(params.values().get("fields"));
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.measures(binder()).addBinding("error").toInstance(new Factory());
        }
    }
}
