package org.sealedbox.plugins.measures;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Measure {@code diversity(fields)}: the spread of the population's predictions — the standard deviation across
 * agents of their answers to the same situation, relative to the truth's, averaged over situations (exactly, for
 * linear models) and over the chosen fields. A population that has collapsed onto one answer shows 0.
 */
public final class Diversity implements Measure {
    private final Object fields;

    Diversity(Object fields) {
        this.fields = fields;
    }

    @Override
    public double measure(PopulationView pop, World world) {
        World.FieldErrors scale = pop.effective().fieldErrors(world);
        INDArray variance = pop.effective().fieldSpread(world).mean(0); // [F]: E_x Var_agents(prediction)
        INDArray relative = Transforms.sqrt(variance.div(scale.variance()), false);
        INDArray mask = Accuracy.select(fields, world);
        double count = mask.sumNumber().doubleValue();
        return count == 0 ? Double.NaN : relative.mul(mask.castTo(DataType.DOUBLE)).sumNumber().doubleValue() / count;
    }

    public static final class Factory implements MeasureFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MEASURE, "diversity",
                "spread of the agents' predictions on the same situations, relative to the truth's (0: collapsed)",
                List.of(Accuracy.fieldsParam("all", "human, new, all, or a range lo..hi")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Measure create(ParamValues params) {
            return new Diversity(params.values().get("fields"));
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.measures(binder()).addBinding("diversity").toInstance(new Factory());
        }
    }
}
