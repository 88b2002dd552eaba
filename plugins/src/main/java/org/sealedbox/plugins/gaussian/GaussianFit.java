package org.sealedbox.plugins.gaussian;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Pretraining {@code gaussian_fit}: fits a {@code gaussian} model to its data — {@code samples} real draws for the
 * first generation, the corpus (its predecessors' draws, plus any fresh real share) later. The variance is estimated
 * by maximum likelihood (divide by M) or without bias (divide by M − 1).
 */
public final class GaussianFit implements Pretrainer {
    private final int samples;
    private final boolean unbiased;

    GaussianFit(ParamValues p) {
        samples = (int) p.integer("samples");
        unbiased = p.choice("estimator").name().equals("unbiased");
    }

    @Override
    public World.Batch humanData(World world, Random rng) {
        return world.humanData(samples, rng);
    }

    @Override
    public void fit(Model model, World.Batch data, INDArray human, World world, Random rng, TrainingRecord record) {
        INDArray y = data.y().castTo(DataType.DOUBLE).reshape(-1);
        long m = y.length();
        double mean = y.meanNumber().doubleValue();
        INDArray centred = y.sub(mean);
        double variance = centred.muli(centred).sumNumber().doubleValue() / (unbiased ? Math.max(1, m - 1) : m);
        model.params().get(0).assign(mean);
        model.params().get(1).assign(Math.sqrt(variance));
        record.trained(data.x().reshape(1, m, 1), Nd4j.ones(1, m), human.reshape(1, m), 1.0);
    }

    public static final class Factory implements PretrainFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.PRETRAIN, "gaussian_fit",
                "fits a gaussian model's mean and variance to its data",
                List.of(ParamSpec.integer("samples", 100, 2, 100_000_000, "real draws the first generation is fitted to"),
                        ParamSpec.choice("estimator", "mle", new ParamType.ChoiceType(List.of(ParamType.Option.plain("mle"),
                                ParamType.Option.plain("unbiased"))), "variance divided by M (mle) or by M − 1 (unbiased)")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Pretrainer create(ParamValues params) {
            return new GaussianFit(params);
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.pretraining(binder()).addBinding("gaussian_fit").toInstance(new Factory());
        }
    }
}
