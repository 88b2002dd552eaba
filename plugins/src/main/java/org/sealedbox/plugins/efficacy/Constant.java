package org.sealedbox.plugins.efficacy;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/** Efficacy hypothesis {@code constant}: character training works as well however far the model has drifted. */
public final class Constant implements Efficacy {
    private final double value;

    Constant(double value) {
        this.value = value;
    }

    @Override
    public INDArray efficacy(PopulationView population) {
        return Nd4j.valueArrayOf(new long[] {population.model().agents()}, value, DataType.FLOAT);
    }

    public static final class Factory implements EfficacyFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.EFFICACY, "constant",
                "character training takes effect equally, however far the weights have drifted",
                List.of(ParamSpec.real("value", 1, 0, 1, "the share of each imitation step that takes effect")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Efficacy create(ParamValues params) {
            return new Constant(params.real("value"));
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.efficacies(binder()).addBinding("constant").toInstance(new Factory());
        }
    }
}
